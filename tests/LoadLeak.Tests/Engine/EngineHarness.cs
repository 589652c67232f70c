using System.Collections.Concurrent;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Scenarios;
using LoadLeak.Engine.Stats;
using LoadLeak.Tests.Engine.VirtualTime;

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

    /// <summary>On the system clock: for tests whose assertions do not depend on time.</summary>
    public static Task<EngineResult> RunAsync(params ScenarioProps[] scenarios) =>
        RunAsync(new EngineSettings(scenarios, TimeSpan.FromMilliseconds(250), false));

    public static Task<EngineResult> RunAsync(EngineSettings settings, RecordingObserver? observer = null, CancellationToken ct = default) =>
        LoadEngine.RunAsync(settings, new RunClock(), observer ?? new RecordingObserver(), ct);

    /// <summary>On virtual time (see <see cref="VirtualRun"/>): the engine's schedule, not the machine's load, decides every timestamp.</summary>
    public static Task<EngineResult> RunVirtualAsync(
        VirtualClock clock, EngineSettings settings, RecordingObserver? observer = null, CancellationToken ct = default) =>
        VirtualRun.RunAsync(clock, () => LoadEngine.RunAsync(settings, new RunClock(clock), observer ?? new RecordingObserver(), ct));

    public static EngineSettings Settings(double intervalSeconds, params ScenarioProps[] scenarios) =>
        new(scenarios, TimeSpan.FromSeconds(intervalSeconds), false);

    /// <summary>A scenario step that takes <paramref name="ms"/> of the clock's time and succeeds with 10 bytes.</summary>
    public static Func<IScenarioContext, Task<Response>> DelayMs(VirtualClock clock, double ms) => async ctx =>
    {
        await clock.DelayMs(ms, ctx.CancellationToken);
        return Response.Ok(sizeBytes: 10);
    };

    /// <summary>The phase whose (Start, End] holds a row's T.</summary>
    public static PhaseRecord PhaseOf(EngineResult result, IntervalRow row) =>
        result.Phases.Single(p => p.Scenario == row.Scenario && row.T > p.Start && row.T <= p.End + 1e-9);
}

/// <summary>
/// Engine runs on virtual time need the thread pool to themselves (they advance time when it is idle), and the
/// ones on the system clock should not compete with other tests' load; so they run one at a time, alone.
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class EngineRuns
{
    public const string Collection = "engine runs";
}
