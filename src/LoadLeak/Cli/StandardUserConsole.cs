namespace LoadLeak.Cli;

/// <summary>Plain stdout/stderr; progress goes to stdout as ordinary lines (CI logs stay readable).</summary>
internal sealed class StandardUserConsole : IUserConsole
{
    private readonly object _gate = new();

    public void Info(string message) { lock (_gate) Console.Out.WriteLine(message); }
    public void Progress(string message) { lock (_gate) Console.Out.WriteLine(message); }
    public void Warn(string message) { lock (_gate) Console.Error.WriteLine("warning: " + message); }
    public void Error(string message) { lock (_gate) Console.Error.WriteLine("error: " + message); }
}
