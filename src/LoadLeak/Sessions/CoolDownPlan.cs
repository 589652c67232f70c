using System.Globalization;
using LoadLeak.Correlator.Analysis;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;

namespace LoadLeak.Sessions;

/// <summary>
/// The cool-down a plan gives the recovery check: the trailing phases at or below the analysis' cool-down share of
/// the peak load (pauses included), as <see cref="RunWindows"/> will find them. Read before the run, so a
/// cool-down too short for the verdict asked is said up front (`--dry-run` and the start of a run), not after it.
/// </summary>
internal static class CoolDownPlan
{
    /// <summary>Planned seconds of cool-down; null when a phase's length is unknown (iteration-bounded).</summary>
    public static double? Seconds(EngineSettings settings, LeakOptions options)
    {
        var scenarios = settings.Sequential ? settings.Scenarios.TakeLast(1) : settings.Scenarios;
        double coolStart = 0, end = 0;
        foreach (var scenario in scenarios)
        {
            if (Of(scenario, options) is not { } s) return null;
            coolStart = Math.Max(coolStart, s.CoolStart);
            end = Math.Max(end, s.End);
        }
        return Math.Max(0, end - coolStart);
    }

    /// <summary>The warning to print, or null when the cool-down lets idle pool threads retire before the recovery reading.</summary>
    public static string? Warning(EngineSettings settings, LeakOptions options)
    {
        if (Seconds(settings, options) is not { } seconds || seconds >= options.MinThreadPoolCoolDownSeconds) return null;
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var what = seconds <= 0 ? "no cool-down phase" : $"cool-down {F(seconds)} s is shorter than the thread pool's " +
            $"{F(options.ThreadPoolIdleSeconds)} s idle timeout plus the {LeakOptions.RecoveryTailSeconds} s recovery reading";
        return $"{what}: on a .NET target a thread rise that the pool would retire is answered 'inconclusive', not judged; " +
               $"end the load with at least {F(options.MinThreadPoolCoolDownSeconds)} s of low load or a Pause";
    }

    private static (double CoolStart, double End)? Of(ScenarioProps scenario, LeakOptions options)
    {
        var phases = new List<(double Seconds, double Level, bool Pause)>();
        foreach (var simulation in scenario.LoadSimulations)
        {
            if (Describe(simulation) is not { } phase) return null;
            // A ramp does, on average, half-way between where it starts and where it ends.
            if (simulation is RampingConstant or RampingInject) phase.Level = (phase.Level + (phases.Count > 0 ? phases[^1].Level : 0)) / 2;
            phases.Add(phase);
        }
        var peak = phases.Select(p => p.Level).DefaultIfEmpty(0).Max();
        var end = scenario.WarmUpDuration.TotalSeconds + phases.Sum(p => p.Seconds);
        var coolStart = end;
        for (var i = phases.Count - 1; i >= 0 && (phases[i].Pause || phases[i].Level <= options.CoolDownLoadFraction * peak); i--)
            coolStart -= phases[i].Seconds;
        return (coolStart, end);
    }

    private static (double Seconds, double Level, bool Pause)? Describe(LoadSimulation simulation) => simulation switch
    {
        Pause p => (p.During.TotalSeconds, 0, true),
        KeepConstant k => (k.During.TotalSeconds, k.Copies, false),
        RampingConstant r => (r.During.TotalSeconds, r.Copies, false),
        Inject i => (i.During.TotalSeconds, i.Rate, false),
        InjectRandom i => (i.During.TotalSeconds, i.MaxRate, false),
        RampingInject r => (r.During.TotalSeconds, r.Rate, false),
        _ => null,
    };
}
