using LoadLeak.Scenarios.Settings;

namespace LoadLeak.Scenarios.Sockets;

/// <summary>
/// The <c>SocketCompletions</c> CustomSetting of the HTTP and gRPC scenarios: where their connections' I/O
/// completions run. "inline" runs them on the runtime's socket event thread (fewer thread handoffs, less CPU
/// per request, but that one thread caps the scenario's throughput); "threadpool" is the runtime's default and
/// scales across cores; "auto" means inline on machines of up to <see cref="InlineUpToProcessors"/> processors,
/// where the client's CPU per request is what limits the load it can put on a co-located target.
/// </summary>
public static class SocketCompletions
{
    public const int InlineUpToProcessors = 4;

    /// <summary>What "auto" means on this machine.</summary>
    public static bool InlineByDefault => Environment.ProcessorCount <= InlineUpToProcessors;

    /// <summary>True when the connections should complete inline.</summary>
    public static bool Read(SettingsReader reader) =>
        reader.Choice("SocketCompletions", "auto", "auto", "inline", "threadpool") switch
        {
            "inline" => true,
            "threadpool" => false,
            _ => InlineByDefault,
        };
}
