namespace LoadLeak.Engine.Api;

public sealed class NullEngineLog : IEngineLog
{
    public static readonly NullEngineLog Instance = new();
    public void Info(string message) { }
    public void Warn(string message) { }
}
