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

/// <summary>Plain stdout/stderr; progress goes to stdout as ordinary lines (CI logs stay readable).</summary>
public sealed class StandardUserConsole : IUserConsole
{
    private readonly object _gate = new();

    public void Info(string message) { lock (_gate) Console.Out.WriteLine(message); }
    public void Progress(string message) { lock (_gate) Console.Out.WriteLine(message); }
    public void Warn(string message) { lock (_gate) Console.Error.WriteLine("warning: " + message); }
    public void Error(string message) { lock (_gate) Console.Error.WriteLine("error: " + message); }
}
