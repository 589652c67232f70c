namespace LoadLeak.Correlator.Forensics;

internal static class FieldNames
{
    /// <summary>"&lt;Cache&gt;k__BackingField" → "Cache": readers know the property, not the compiler's field.</summary>
    public static string Readable(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "?";
        const string backing = ">k__BackingField";
        return name.StartsWith('<') && name.EndsWith(backing, StringComparison.Ordinal)
            ? name[1..^backing.Length]
            : name;
    }
}
