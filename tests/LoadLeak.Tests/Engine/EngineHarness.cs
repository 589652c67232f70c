using System.Collections.Concurrent;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Tests.Engine;

/// <summary>Runs the real engine with in-process scenario funcs and records what the observer saw.</summary>
internal sealed class RecordingObserver : IEngineObserver
{
    public ConcurrentQueue<PhaseRecord> Started { get; } = new();
    public ConcurrentQueue<IntervalRow> Rows { get; } = new();

    public void OnPhaseStarted(PhaseRecord phase) => Started.Enqueue(phase);

    public void OnInterval(IReadOnlyList<IntervalRow> rows)
    {
        foreach (var row in rows) Rows.Enqueue(row);
    }
}

internal static class EngineHarness
{
    public static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static Task<EngineResult> RunAsync(params ScenarioProps[] scenarios) =>
        RunAsync(new EngineSettings(scenarios, TimeSpan.FromMilliseconds(250), false));

    public static Task<EngineResult> RunAsync(EngineSettings settings, RecordingObserver? observer = null, RunClock? clock = null,
        CancellationToken ct = default) =>
        LoadEngine.RunAsync(settings, clock ?? new RunClock(), observer ?? new RecordingObserver(), ct);

    public static Func<IScenarioContext, Task<Response>> DelayMs(int ms) => async ctx =>
    {
        await Task.Delay(ms, ctx.CancellationToken);
        return Response.Ok(sizeBytes: 10);
    };
}

/// <summary>
/// Engine runs measure time (and one test measures retained memory), so they run one at a time and
/// not beside other tests: on a 2-core machine, parallel runs would starve each other's schedulers
/// and test the machine instead of the engine.
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class EngineRuns
{
    public const string Collection = "engine runs";
}
