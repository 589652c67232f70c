using System.Collections.Concurrent;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;
using LoadLeak.Tests.Engine.VirtualTime;

namespace LoadLeak.Tests.Engine;

/// <summary>Runs the real engine with in-process scenario funcs.</summary>
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
