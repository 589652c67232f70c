using System.Text.Json;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>
/// A temporary --out folder for one run. Disposing kills the run's target if it is still alive (it is
/// orphaned when loadleak itself is killed) and deletes the folder, so no test leaves anything behind.
/// </summary>
public sealed class RunFolder : IDisposable
{
    public RunFolder()
    {
        Path = Directory.CreateTempSubdirectory("loadleak-rel-").FullName;
        Stream = new RunStreamFile(Path);
    }

    public string Path { get; }

    public RunStreamFile Stream { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public JsonElement RunJson()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(File("run.json")));
        return doc.RootElement.Clone();
    }

    public void Dispose()
    {
        ProcessTools.KillQuietly(Stream.TargetPid());
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
