namespace TargetService.Options;

/// <summary>
/// Which implementation of each swappable component to run (<c>--impl cache=lru,serializer=manual</c>),
/// so two builds of "the same service" can be compared under identical load.
/// </summary>
public sealed record ImplementationChoice(string Cache, string Serializer, string Store = "memory")
{
    public static readonly IReadOnlyDictionary<string, string[]> Choices = new Dictionary<string, string[]>
    {
        ["cache"] = ["dictionary", "lru"],
        ["serializer"] = ["stj", "manual"],
        // "remote" stands for a store behind the network: every HTTP query waits 5 ms for it.
        ["store"] = ["memory", "remote"],
    };

    public static readonly ImplementationChoice Default = new("dictionary", "stj");

    public ImplementationChoice With(string spec)
    {
        var result = this;
        foreach (var pair in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !Choices.TryGetValue(parts[0].ToLowerInvariant(), out var allowed))
                throw new ArgumentException($"--impl: expected component=name with component one of {string.Join(", ", Choices.Keys)}, got '{pair}'");
            var name = parts[1].ToLowerInvariant();
            if (!allowed.Contains(name))
                throw new ArgumentException($"--impl: {parts[0]} must be one of {string.Join("|", allowed)}, got '{parts[1]}'");
            result = parts[0].ToLowerInvariant() switch
            {
                "cache" => result with { Cache = name },
                "serializer" => result with { Serializer = name },
                _ => result with { Store = name },
            };
        }
        return result;
    }

    public override string ToString() => $"cache={Cache},serializer={Serializer},store={Store}";
}
