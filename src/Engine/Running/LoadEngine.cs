using LoadLeak.Engine.Api;
using LoadLeak.Engine.Schedules;

namespace LoadLeak.Engine.Running;

/// <summary>
/// Runs scenarios with NBomber's lifecycle: Init every scenario, run each one's warm-up and load
/// simulations (concurrently, or one after another when <see cref="EngineSettings.Sequential"/>),
/// report every interval, then Clean every scenario and check thresholds.
/// </summary>
public static class LoadEngine
{
    private static readonly TimeSpan CleanTimeout = TimeSpan.FromSeconds(30);

    /// <exception cref="ConfigException">The settings are invalid (names, simulations, intervals).</exception>
    /// <exception cref="ScenarioInitException">A scenario's Init threw; no load was started.</exception>
    public static async Task<EngineResult> RunAsync(EngineSettings settings, RunClock clock, IEngineObserver observer, CancellationToken ct)
    {
        Validate(settings);
        var guarded = new GuardedObserver(observer, settings.Log);
        if (settings.HistogramObserver is { } histograms)
            settings = settings with { HistogramObserver = new GuardedHistogramObserver(histograms, settings.Log) };
        var seed = settings.RandomSeed ?? Random.Shared.Next();
        var runners = settings.Scenarios
            .Select((props, i) => new ScenarioRunner(props, LoadPlan.Build(props, seed + 1000 * i), clock, guarded, settings))
            .ToList();

        await InitAllAsync(settings, clock, ct).ConfigureAwait(false);
        var reporter = new IntervalReporter(runners, clock, settings.ReportingInterval, guarded);
        using var reporting = new CancellationTokenSource();
        var reporterTask = reporter.RunAsync(reporting.Token);
        try
        {
            if (settings.Sequential)
            {
                foreach (var runner in runners)
                {
                    if (ct.IsCancellationRequested) break;
                    await runner.RunAsync(ct).ConfigureAwait(false);
                }
            }
            else
            {
                await Task.WhenAll(runners.Select(r => r.RunAsync(ct))).ConfigureAwait(false);
            }
        }
        finally
        {
            await reporting.CancelAsync().ConfigureAwait(false);
            await reporterTask.ConfigureAwait(false);
            reporter.Flush();
            await CleanAllAsync(settings, clock).ConfigureAwait(false);
        }
        return Result(settings, runners, reporter, ct.IsCancellationRequested);
    }

    private static EngineResult Result(EngineSettings settings, IReadOnlyList<ScenarioRunner> runners, IntervalReporter reporter, bool cancelled)
    {
        var ran = runners.Where(r => r.Phases.Count > 0).ToList();
        var stats = ran.Select(r => r.Summarize()).ToList();
        var thresholds = ran.Zip(stats)
            .SelectMany(pair => ThresholdChecker.Check(settings.Scenarios.First(s => s.Name == pair.First.Name), pair.Second))
            .ToList();
        var phases = ran.SelectMany(r => r.Phases).OrderBy(p => p.Start).ToList();
        // A phase's last row waits for its iterations, so it can be reported after the next phase's first row.
        var intervals = reporter.Rows.OrderBy(r => r.T).ToList();
        return new EngineResult(phases, stats, intervals, thresholds, cancelled);
    }

    private static async Task InitAllAsync(EngineSettings settings, RunClock clock, CancellationToken ct)
    {
        var initialised = new List<ScenarioProps>();
        foreach (var props in settings.Scenarios)
        {
            try
            {
                if (props.Init is { } init) await init(InitContext(props, settings, ct)).ConfigureAwait(false);
                initialised.Add(props);
            }
            catch (Exception e)
            {
                await CleanAllAsync(settings with { Scenarios = initialised }, clock).ConfigureAwait(false);
                throw new ScenarioInitException(props.Name, "init", e);
            }
        }
    }

    /// <summary>Cleans every scenario even if one throws; a failing Clean is logged, not thrown, so the measured result survives.</summary>
    private static async Task CleanAllAsync(EngineSettings settings, RunClock clock)
    {
        foreach (var props in settings.Scenarios)
        {
            if (props.Clean is not { } clean) continue;
            using var timeout = new CancellationTokenSource(CleanTimeout, clock.Time);
            try
            {
                await clean(InitContext(props, settings, timeout.Token)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                settings.Log.Warn($"scenario '{props.Name}' clean failed: {e.Message}");
            }
        }
    }

    private static ScenarioInitContext InitContext(ScenarioProps props, EngineSettings settings, CancellationToken ct) =>
        new(new ScenarioInfo(props.Name, 0), props.CustomSettings, settings.Log, ct);

    private static void Validate(EngineSettings settings)
    {
        if (settings.Scenarios.Count == 0) throw new ConfigException("no scenarios to run");
        if (settings.ReportingInterval <= TimeSpan.Zero)
            throw new ConfigException($"ReportingInterval must be > 00:00:00, got {settings.ReportingInterval:c}");
        if (settings.MaxInFlight <= 0) throw new ConfigException($"MaxInFlight must be > 0, got {settings.MaxInFlight}");
        if (settings.BacklogGrace < TimeSpan.Zero) throw new ConfigException($"BacklogGrace must be >= 0, got {settings.BacklogGrace:c}");
        if (settings.LateTolerance < TimeSpan.Zero) throw new ConfigException($"LateTolerance must be >= 0, got {settings.LateTolerance:c}");
        var duplicate = settings.Scenarios.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ConfigException($"scenario name '{duplicate.Key}' is used by more than one scenario");
    }
}
