using System.Reflection;
using System.Runtime.InteropServices;
using LoadLeak.Cli;
using LoadLeak.Correlator;
using LoadLeak.Correlator.Analysis;
using LoadLeak.Correlator.Soak;
using LoadLeak.Engine.Running;
using LoadLeak.Reporting.Model;
using LoadLeak.Sessions;
using LoadLeak.Targets;

namespace LoadLeak.Documents;

/// <summary>
/// Joins what the engine and the correlator measured into run.json, the single source of every
/// figure in every report, and decides the exit code from it.
/// </summary>
public sealed class RunDocumentBuilder(RunPlan plan, RunClock clock, ITarget? target, TimelineEvents timeline)
{
    public RunDocument Build(EngineResult? engine, CorrelatorResult? sampled, RunExtras extras)
    {
        var phases = engine?.Phases ?? [];
        var intervals = engine?.Intervals ?? [];
        var samples = sampled?.Samples ?? [];
        var retained = sampled?.Retained ?? [];
        foreach (var e in sampled?.Events ?? []) timeline.Add(e.T, e.Kind, e.Message);

        var analysis = Analyze(new AnalysisInput(phases, intervals, samples, retained, plan.LeakOptions));
        var status = Status(engine);
        var capacity = engine is null ? [] : Correlator.Capacity.CapacityAnalyzer.Analyze(engine, plan.Options.SloP99Ms).Select(DtoMapper.Capacity).ToArray();
        var leak = DtoMapper.Leak(analysis.Leak);
        var thresholds = (engine?.Thresholds ?? []).Select(t => new ThresholdDto(t.Scenario, t.Description, t.Passed, t.Error)).ToArray();
        var document = new RunDocument
        {
            RunId = plan.RunId,
            StartedAt = clock.StartedAt,
            DurationSeconds = Math.Round(clock.Seconds, 3),
            Status = status,
            Meta = Metadata(plan, target),
            Phases = phases.Select(DtoMapper.Phase).ToArray(),
            Scenarios = (engine?.Scenarios ?? []).Select(s => DtoMapper.Scenario(s, plan)).ToArray(),
            Intervals = intervals.Select(DtoMapper.Interval).ToArray(),
            Samples = samples.Select(DtoMapper.Sample).ToArray(),
            Retained = retained.Select(r => new RetainedDto(Math.Round(r.T, 3), r.Phase, r.HeapBytes, r.Reason)).ToArray(),
            Attribution = analysis.Attribution.Select(DtoMapper.Attribution).ToArray(),
            BytesPerRequest = analysis.BytesPerRequest.Select(DtoMapper.Regression).ToArray(),
            Leak = leak,
            Thresholds = thresholds,
            Events = timeline.Snapshot(),
            Notes = [.. sampled?.Notes ?? [], .. TargetNotes()],
            Heap = extras.Heap,
            CapacityScenarios = capacity,
            Capacity = capacity.FirstOrDefault(),
            RunnerMemory = extras.RunnerMemory,
        };
        if (plan.Soak is not null)
        {
            var load = phases.Where(p => p.Kind != PhaseKinds.WarmUp).ToArray();
            if (load.Length > 0)
                document = document with { Soak = SoakForecaster.Forecast(document, load.Min(p => p.Start), load.Max(p => p.End), extras.MemoryLimit) };
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

    private string Status(EngineResult? engine)
    {
        if (timeline.Has("target-died")) return RunStatus.TargetDied;
        if (timeline.Has("interrupted")) return RunStatus.Interrupted;
        if (engine is null) return RunStatus.Failed;
        return engine.Cancelled ? RunStatus.Interrupted : RunStatus.Complete;
    }

    public static int ExitCodeOf(RunDocument document) => document.Status switch
    {
        RunStatus.Interrupted => ExitCodes.Interrupted,
        RunStatus.TargetDied or RunStatus.Failed => ExitCodes.InfrastructureError,
        _ when document.Thresholds.Any(t => !t.Passed) => ExitCodes.ChecksFailed,
        _ when document.Leak.Verdict == LeakVerdicts.Leak => ExitCodes.ChecksFailed,
        _ => ExitCodes.Ok,
    };

    private IEnumerable<string> TargetNotes()
    {
        if (target?.StartupSeconds is { } startup)
            yield return $"target ready {startup:0.00} s after launch";
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
        TargetPid = target?.Pid,
        TargetUrl = plan.ReadyUrl,
        DurationScale = plan.DurationScale,
        CommandLine = plan.CommandLine,
        StartupSeconds = target?.StartupSeconds,
    };
}
