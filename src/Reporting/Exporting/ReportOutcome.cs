namespace LoadLeak.Reporting.Exporting;

/// <summary>What a report run produced: the files written, and one message per exporter that failed.</summary>
public sealed record ReportOutcome(IReadOnlyList<string> Files, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
