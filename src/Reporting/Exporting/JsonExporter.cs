using LoadLeak.Results;

namespace LoadLeak.Reporting.Exporting;

internal sealed class JsonExporter : IExporter
{
    public const string FileName = "run.json";
    public string Name => "json";

    public IReadOnlyList<string> Export(RunDocument doc, string outDir)
    {
        var path = Path.GetFullPath(Path.Combine(outDir, FileName));
        RunDocumentJson.Write(doc, path);
        return [path];
    }
}
