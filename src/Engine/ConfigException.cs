namespace LoadLeak.Engine;

/// <summary>
/// An anticipated user error: a bad config value, flag or file. The message names where
/// (a JSON path such as <c>GlobalSettings.ScenariosSettings[0].LoadSimulationsSettings[1]</c>,
/// or a flag such as <c>--duration-scale</c>) and what is wrong. The CLI prints the message
/// without a stack trace and exits with code 2.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message) : base(message) { }

    public ConfigException(string message, Exception inner) : base(message, inner) { }
}
