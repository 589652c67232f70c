using LoadLeak.Results;

namespace LoadLeak.Reporting.Exporting;

/// <summary>
/// Runs several exporters; a failing one does not stop the others, because after an hour of
/// load a CSV still beats nothing when the HTML breaks.
/// </summary>
internal sealed class CompositeExporter(IReadOnlyList<IExporter> exporters) : IExporter
{
    public string Name => string.Join("+", exporters.Select(e => e.Name));

    public IReadOnlyList<IExporter> Exporters => exporters;

    public ReportOutcome Run(RunDocument doc, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var files = new List<string>();
        var errors = new List<string>();
        foreach (var exporter in exporters)
        {
            try { files.AddRange(exporter.Export(doc, outDir)); }
            catch (Exception e)
            {
                errors.Add($"{exporter.Name}: {e.GetType().Name}: {e.Message}");
            }
        }
        return new ReportOutcome(files, errors);
    }

    /// <summary>Runs every exporter, then throws if any of them failed.</summary>
    public IReadOnlyList<string> Export(RunDocument doc, string outDir)
    {
        var outcome = Run(doc, outDir);
        if (!outcome.Succeeded)
            throw new InvalidOperationException("Some exporters failed: " + string.Join("; ", outcome.Errors));
        return outcome.Files;
    }
}
