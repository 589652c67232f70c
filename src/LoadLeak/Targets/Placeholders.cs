namespace LoadLeak.Targets;

/// <summary>
/// The {name} placeholders of a run: {port}, {grpcPort} and {kafka} are filled with free loopback
/// ports and the embedded broker's address, in the target command and in the config's settings alike.
/// </summary>
public sealed class Placeholders
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => _values;

    public Placeholders Set(string name, string value)
    {
        _values[name] = value;
        return this;
    }

    public string Fill(string text)
    {
        foreach (var (name, value) in _values)
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return text;
    }

    /// <summary>Fills {port} and {grpcPort} with two distinct free loopback ports.</summary>
    public Placeholders WithFreePorts() =>
        Set("port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("grpcPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
}
