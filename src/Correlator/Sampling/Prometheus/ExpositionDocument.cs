namespace LoadLeak.Correlator.Sampling.Prometheus;

/// <summary>A parsed text exposition: its samples, the families' types and help, and what was skipped.</summary>
internal sealed record ExpositionDocument(
    IReadOnlyList<ExpositionSample> Samples,
    IReadOnlyDictionary<string, MetricFamilyType> Types,
    IReadOnlyDictionary<string, string> Help)
{
    private static readonly string[] FamilySuffixes = ["_bucket", "_sum", "_count"];

    /// <summary>Lines that are neither comments nor valid samples; skipped and counted, never fatal.</summary>
    public int SkippedLines { get; init; }

    /// <summary>The first skipped line, as "line N: reason", for the one note about them.</summary>
    public string? FirstSkipped { get; init; }

    /// <summary>The type of the family a sample belongs to (<c>x_sum</c> of summary <c>x</c> is a summary sample).</summary>
    public MetricFamilyType TypeOf(string sampleName)
    {
        if (Types.TryGetValue(sampleName, out var type)) return type;
        foreach (var suffix in FamilySuffixes)
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal)
                && Types.TryGetValue(sampleName[..^suffix.Length], out var family)
                && family is MetricFamilyType.Histogram or MetricFamilyType.Summary)
                return family;
        return MetricFamilyType.Untyped;
    }

    public IEnumerable<ExpositionSample> Named(string name) => Samples.Where(s => s.Name == name);
}
