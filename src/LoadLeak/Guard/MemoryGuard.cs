using LoadLeak.Cli;
using LoadLeak.Correlator;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Results;
using LoadLeak.Sessions;
using LoadLeak.Soak;
using LoadLeak.Targets;

namespace LoadLeak.Guard;

/// <summary>
/// Stops the load before the target takes the machine's memory: evaluated on every RSS reading the sampler takes (the
/// sampling clock, no timer of its own); when <see cref="MemoryGuardRule"/> trips, it marks the timeline (status
/// `guarded`) and cancels the load the way <see cref="DeathWatch"/> does, so the analysis and the reports still run.
/// </summary>
internal sealed class MemoryGuard
{
    private readonly MemoryGuardRule _rule;
    private readonly RunClock _clock;
    private readonly TimelineEvents _timeline;
    private readonly CancellationTokenSource _load;
    private readonly IUserConsole _console;
    private readonly object _gate = new();
    private bool _loadEnded;

    private MemoryGuard(MemoryGuardRule rule, RunClock clock, TimelineEvents timeline, CancellationTokenSource load, IUserConsole console)
    {
        _rule = rule;
        _clock = clock;
        _timeline = timeline;
        _load = load;
        _console = console;
    }

    public bool Tripped { get; private set; }

    /// <summary>Watches the target's RSS through <paramref name="sampler"/>; null when the guard is off or cannot know a limit.</summary>
    public static MemoryGuard? Watch(RunPlan plan, ITarget target, ITargetSampler sampler, EngineSettings settings, RunClock clock,
        TimelineEvents timeline, CancellationTokenSource load, IUserConsole console)
    {
        var options = plan.Options.Guard;
        if (!options.Enabled || target is RemoteTarget) return null;
        var remote = target as IRemoteMemoryLimit;
        var limit = remote is not null ? remote.MemoryLimit : MemoryLimit.Of(target.Pid);
        var ceiling = options.MaxTargetBytes ?? limit?.Bytes * options.LimitFraction;
        if (ceiling is not { } bytes)
        {
            console.Warn(remote is not null
                ? "memory guard off: the probe did not report its host's memory limit (an older LoadLeak?); set LoadLeak.Guard.MaxTargetMemory"
                : "memory guard off: neither a cgroup limit nor /proc/meminfo could be read; set LoadLeak.Guard.MaxTargetMemory");
            return null;
        }
        var end = PlannedSeconds(settings) is { } planned ? clock.Seconds + planned : (double?)null;
        var guard = new MemoryGuard(new MemoryGuardRule(bytes, limit?.Bytes, end, options.ForecastMargin), clock, timeline, load, console);
        if (!sampler.OnReading(guard.Observe))
        {
            console.Info("memory guard off: the target is sampled by a probe on its own host, not here");
            return null;
        }
        console.Info($"memory guard: the load stops if the target's RSS passes {ByteSize.Format(bytes)}" +
            (options.MaxTargetBytes is null && limit is { } l ? $" ({options.LimitFraction:P0} of {ByteSize.Format(l.Bytes)}, {l.Source})" : "") +
            " or memory is forecast to run out before the end (--no-guard turns this off)");
        return guard;
    }

    public void LoadEnded()
    {
        lock (_gate) _loadEnded = true;
    }

    private void Observe(Measurement reading)
    {
        if (reading.Name != MetricNames.Rss) return;
        string? reason;
        lock (_gate)
        {
            if (_loadEnded || Tripped) return;
            reason = _rule.Evaluate(reading.T, reading.Value);
            if (reason is null) return;
            Tripped = true;
        }
        _timeline.Add(_clock.Seconds, EventKind.Guarded, $"memory guard stopped the load: {reason}");
        _console.Warn($"memory guard: {reason}; stopping the load (the reports are still written; --no-guard turns this off)");
        try { _load.Cancel(); } catch (ObjectDisposedException) { }
    }

    /// <summary>The planned length of the load (warm-up included); null when a phase runs until its iterations are done.</summary>
    private static double? PlannedSeconds(EngineSettings settings)
    {
        var lengths = new List<double>();
        foreach (var scenario in settings.Scenarios)
        {
            var phases = LoadPlan.Build(scenario, 0);
            if (phases.Any(p => p.Duration is null)) return null;
            lengths.Add(phases.Sum(p => p.Duration!.Value.TotalSeconds));
        }
        if (lengths.Count == 0) return null;
        return settings.Sequential ? lengths.Sum() : lengths.Max();
    }
}
