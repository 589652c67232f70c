using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>One shape of reference chain from a GC root to instances of <paramref name="Type"/>;
/// <paramref name="Count"/> of the sampled instances have it.</summary>
public sealed record RetentionPath(string Type, string Root, IReadOnlyList<string> Path, int Count)
{
    /// <summary>How many instances of the type were sampled for paths in total.</summary>
    [JsonIgnore]
    public int Sampled { get; init; }

    public override string ToString() => $"{Count}/{Sampled}: {string.Join(" → ", Path)}";
}
