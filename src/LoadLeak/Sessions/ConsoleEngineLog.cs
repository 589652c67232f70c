using LoadLeak.Cli;
using LoadLeak.Engine.Api;

namespace LoadLeak.Sessions;

/// <summary>What scenarios and the engine log (init and clean notes such as Kafka's end-to-end latency) reaches the user's console.</summary>
internal sealed class ConsoleEngineLog(IUserConsole console) : IEngineLog
{
    public void Info(string message) => console.Info(message);
    public void Warn(string message) => console.Warn(message);
}
