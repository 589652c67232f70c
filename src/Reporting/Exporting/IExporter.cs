using LoadLeak.Results;

namespace LoadLeak.Reporting.Exporting;

/// <summary>Renders one report format from a run document. Exporters only read the document.</summary>
public interface IExporter
{
    string Name { get; }

    /// <summary>Writes into <paramref name="outDir"/> (which exists) and returns the full paths written.</summary>
    IReadOnlyList<string> Export(RunDocument doc, string outDir);
}
