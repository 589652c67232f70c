namespace LoadLeak.Cli;

/// <summary>Everything the CLI tells the user goes through here, so commands can be tested.</summary>
public interface IUserConsole
{
    void Info(string message);
    void Warn(string message);
    void Error(string message);
    /// <summary>A live progress line; consoles may overwrite or throttle it.</summary>
    void Progress(string message);
}

/// <summary>Keeps every line, for tests.</summary>
public sealed class RecordingUserConsole : IUserConsole
{
    private readonly List<string> _lines = [];
    public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToArray(); } }
    public void Info(string message) { lock (_lines) _lines.Add(message); }
    public void Progress(string message) { lock (_lines) _lines.Add(message); }
    public void Warn(string message) { lock (_lines) _lines.Add("warning: " + message); }
    public void Error(string message) { lock (_lines) _lines.Add("error: " + message); }
}
