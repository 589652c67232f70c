namespace LoadLeak.Engine.Api;

/// <summary>Minimal log sink so the engine does not pick a logging framework for its users.</summary>
public interface IEngineLog
{
    void Info(string message);
    void Warn(string message);
}
