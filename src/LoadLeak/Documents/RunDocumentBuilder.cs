using System.Reflection;
using System.Runtime.InteropServices;
using LoadLeak.Cli;
using LoadLeak.Correlator;
using LoadLeak.Correlator.Analysis;
using LoadLeak.Correlator.Capacity;
using LoadLeak.Correlator.Soak;
using LoadLeak.Engine;
using LoadLeak.Engine.Running;
using LoadLeak.Results;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;
using LoadLeak.Sessions;
using LoadLeak.Targets;

namespace LoadLeak.Documents;

/// <summary>
/// Joins what the engine and the correlator measured into run.json, the single source of every
/// figure in every report, and decides the exit code from it.
/// </summary>
internal sealed class RunDocumentBuilder(RunPlan plan, RunClock clock, ITarget? target, TimelineEvents timeline)
{
    public RunDocument Build(EngineResult? engine, CorrelatorResult? sampled, RunExtras extras)
    {
        var phases = engine?.Phases ?? [];
        var intervals = engine?.Intervals ?? [];
        var samples = sampled?.Samples ?? [];
        var retained = sampled?.Retained ?? [];
        foreach (var e in sampled?.Events ?? []) timeline.Add(e);

        var analysis = Analyze(new AnalysisInput(phases, intervals, samples, retained, plan.LeakOptions)
        {
            MissedRetained = sampled?.MissedRetained ?? [],
        });
        var capacity = engine is null ? [] : CapacityAnalyzer.Analyze(engine, plan.Options.SloP99Ms);
        var document = new RunDocument
        {
            RunId = plan.RunId,
            StartedAt = clock.StartedAt,
            DurationSeconds = clock.Seconds,
            Status = Status(engine),
            Meta = Metadata(plan, target),
            Phases = phases,
            Scenarios = (engine?.Scenarios ?? []).Select(s => WithClient(s with { Protocol = ProtocolOf(s.Name, extras) }, extras)).ToArray(),
            Intervals = intervals,
            Samples = samples,
            Retained = retained,
            Attribution = analysis.Attribution,
            BytesPerRequest = analysis.BytesPerRequest,
            Leak = analysis.Leak,
            Thresholds = engine?.Thresholds ?? [],
            Events = timeline.Snapshot(),
            Notes = [.. plan.Notes, .. sampled?.Notes ?? [], .. TargetNotes()],
            Heap = extras.Heap,
            CapacityScenarios = capacity,
            Capacity = capacity.FirstOrDefault(),
            RunnerMemory = extras.RunnerMemory,
        };
        // From here on (soak forecast, exit code, every report) the figures are read as run.json holds them.
        document = RunDocumentJson.Normalize(document);
        if (plan.Soak is not null)
        {
            var load = phases.Where(p => p.Kind != PhaseKind.WarmUp).ToArray();
            if (load.Length > 0)
                document = document with
                {
                    Soak = SoakForecaster.Forecast(document, load.Min(p => p.Start), load.Max(p => p.End), extras.MemoryLimit)
                };
        }
        return document with { ExitCode = ExitCodeOf(document) };
    }

    /// <summary>A failure in the analysis must not cost the measurements: the reports still carry every row and sample.</summary>
    private static AnalysisResult Analyze(AnalysisInput input)
    {
        try
        {
            return LeakAnalyzer.Analyze(input);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new AnalysisResult([], [], new LeakReport
            {
                Notes = [$"the leak analysis failed ({ex.GetType().Name}: {ex.Message}); verdict inconclusive"],
            });
        }
    }

    private RunStatus Status(EngineResult? engine)
    {
        if (timeline.Has(EventKind.TargetDied)) return RunStatus.TargetDied;
        if (timeline.Has(EventKind.Guarded)) return RunStatus.Guarded;
        if (timeline.Has(EventKind.Interrupted)) return RunStatus.Interrupted;
        if (engine is null) return RunStatus.Failed;
        return engine.Cancelled ? RunStatus.Interrupted : RunStatus.Complete;
    }

    public static int ExitCodeOf(RunDocument document) => document.Status switch
    {
        RunStatus.Interrupted => ExitCodes.Interrupted,
        RunStatus.TargetDied or RunStatus.Failed => ExitCodes.InfrastructureError,
        RunStatus.Guarded => ExitCodes.ChecksFailed,
        _ when document.Thresholds.Any(t => !t.Passed) => ExitCodes.ChecksFailed,
        _ when document.Leak.Verdict == LeakVerdict.Leak => ExitCodes.ChecksFailed,
        _ => ExitCodes.Ok,
    };

    /// <summary>
    /// As the built scenario declared it (http, grpc, kafka, custom...); else from the scenario's config, null when it
    /// does not tell.
    /// </summary>
    private string? ProtocolOf(string scenario, RunExtras extras)
    {
        if (extras.Protocols.TryGetValue(scenario, out var declared)) return declared;
        if (plan.Config.Scenarios.FirstOrDefault(c => c.ScenarioName == scenario) is not { } config) return null;
        try
        {
            return ScenarioCatalog.ProtocolOf(config.ScenarioName,
                new SettingsReader(config.ScenarioName, config.CustomSettings, ScenarioEnvironment.Empty));
        }
        catch (ConfigException)
        {
            return null;
        }
    }

    /// <summary>The client the scenario sent with and why; left out (null) for a scenario the catalog did not build.</summary>
    private static ScenarioStats WithClient(ScenarioStats stats, RunExtras extras)
    {
        var choice = extras.Clients.FirstOrDefault(c => c.Key == stats.Name).Value;
        return choice is null ? stats : stats with { Client = choice.Client, ClientSelection = choice.Selection, ClientReason = choice.Reason };
    }

    private IEnumerable<string> TargetNotes()
    {
        if (target?.StartupSeconds is { } startup)
            yield return $"target ready {startup:0.00} s after launch";
        if (target is LaunchedTarget launched)
            foreach (var note in launched.LogNotes) yield return note;
    }

    public static RunMetadata Metadata(RunPlan plan, ITarget? target) => new()
    {
        ToolVersion = typeof(RunDocumentBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
        Machine = Environment.MachineName,
        Os = RuntimeInformation.OSDescription,
        ProcessorCount = Environment.ProcessorCount,
        Runtime = RuntimeInformation.FrameworkDescription,
        ConfigPath = plan.ConfigPath,
        TestSuite = plan.Config.TestSuite,
        TestName = plan.Config.TestName,
        TargetCommand = target?.Description,
        TargetPid = target is RemoteTarget ? null : target?.Pid,
        TargetUrl = plan.ReadyUrl,
        DurationScale = plan.DurationScale,
        CommandLine = plan.CommandLine,
        StartupSeconds = target?.StartupSeconds,
    };
}
