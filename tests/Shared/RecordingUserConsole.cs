using LoadLeak.Cli;

namespace LoadLeak.Tests.Shared;

/// <summary>Keeps every line the CLI would print, for asserting on.</summary>
internal sealed class RecordingUserConsole : IUserConsole
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToArray(); }
    }

    public void Info(string message) { lock (_lines) _lines.Add(message); }

    public void Progress(string message) { lock (_lines) _lines.Add(message); }

    public void Warn(string message) { lock (_lines) _lines.Add("warning: " + message); }

    public void Error(string message) { lock (_lines) _lines.Add("error: " + message); }
}
