namespace LoadLeak.Cli;

/// <summary>Everything the CLI tells the user goes through here, so commands can be tested.</summary>
internal interface IUserConsole
{
    void Info(string message);
    void Warn(string message);
    void Error(string message);
    /// <summary>A live progress line; consoles may overwrite or throttle it.</summary>
    void Progress(string message);
}
