using LoadLeak.Correlator.Analysis;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;
using LoadLeak.Reporting.Model;
using LoadLeak.Sessions;

namespace LoadLeak.Documents;

/// <summary>One-to-one mappings from the measuring stages' types to run.json's.</summary>
public static class DtoMapper
{
    public static PhaseDto Phase(PhaseRecord p) =>
        new(p.Name, p.Scenario, p.Kind, R(p.Start), R(p.End), p.Simulation, p.Copies, p.Rate);

    public static LatencyDto Latency(LatencySummary l) =>
        new(R(l.P50), R(l.P75), R(l.P90), R(l.P95), R(l.P99), R(l.P999), R(l.Max), R(l.Mean), R(l.StdDev));

    public static ScenarioDto Scenario(ScenarioStats s, RunPlan plan) => new()
    {
        Name = s.Name,
        Protocol = plan.Config.Scenarios.FirstOrDefault(c => c.ScenarioName == s.Name) is { } config
            ? ProtocolOf(config.ScenarioName, config.CustomSettings)
            : null,
        Ok = s.Ok,
        Fail = s.Fail,
        Rps = R(s.Rps),
        LatencyMs = Latency(s.Latency),
        LatencyUncorrectedMs = Latency(s.LatencyUncorrected),
        StatusCodes = s.StatusCodes,
        Errors = s.Errors.Select(e => new ErrorDto(e.StatusCode, e.Message, e.Count)).ToArray(),
        BytesReceived = s.BytesReceived,
        Late = s.Late,
        Dropped = s.Dropped,
    };

    public static IntervalDto Interval(IntervalRow r) =>
        new(R(r.T), r.Scenario, r.Phase, r.Ok, r.Fail, R(r.Rps), R(r.Latency.P50), R(r.Latency.P99),
            R(r.LatencyUncorrected.P99), r.Concurrency, R(r.TargetRate), r.Late, r.Dropped);

    public static SampleDto Sample(TargetSample s) => new()
    {
        T = R(s.T),
        GcHeapBytes = s.GcHeapBytes,
        PostGcHeapBytes = s.PostGcHeapBytes,
        WorkingSetBytes = s.WorkingSetBytes,
        RssBytes = s.RssBytes,
        Threads = s.Threads,
        Timers = s.Timers,
        Fds = s.Fds,
        Cpu = s.Cpu,
        AllocRateBytesPerSec = s.AllocRateBytesPerSec,
        GcPauseMs = s.GcPauseMs,
        GcCount = s.GcCount,
        Exceptions = s.Exceptions,
        LockContentions = s.LockContentions,
    };

    public static AttributionDto Attribution(PhaseAttribution a) => new()
    {
        Phase = a.Phase,
        Scenario = a.Scenario,
        Start = R(a.Start),
        End = R(a.End),
        Requests = a.Requests,
        HeapDeltaBytes = a.HeapDeltaBytes,
        RetainedDeltaBytes = a.RetainedDeltaBytes,
        RssDeltaBytes = a.RssDeltaBytes,
        ThreadsDelta = a.ThreadsDelta,
        TimersDelta = a.TimersDelta,
        FdsDelta = a.FdsDelta,
        AllocRateBytesPerSec = a.AllocRateBytesPerSec,
        GcPauseShare = a.GcPauseShare,
    };

    public static RegressionDto Regression(RequestRegression r) => new(r.Scenario, r.BytesPerRequest, r.RSquared, r.Points);

    public static LeakDto Leak(LeakReport report) => new()
    {
        Verdict = report.Verdict,
        Notes = report.Notes,
        Findings = report.Findings.Select(f => new FindingDto
        {
            Resource = f.Resource,
            Phase = f.Phase,
            Scenario = f.Scenario,
            Slope = f.Slope,
            SlopePerRequest = f.SlopePerRequest,
            Test = f.Test,
            Statistic = f.Statistic,
            Confidence = f.Confidence,
            GrowthTotal = f.GrowthTotal,
            Recovered = f.Recovered,
            IsLeak = f.IsLeak,
            Summary = f.Summary,
        }).ToArray(),
    };

    public static CapacityDto Capacity(Correlator.Capacity.CapacityResult c) => new()
    {
        Scenario = c.Scenario,
        Sigma = c.Sigma,
        Kappa = c.Kappa,
        Lambda = c.Lambda,
        RSquared = c.RSquared,
        PeakConcurrency = c.PeakConcurrency,
        PeakThroughput = c.PeakThroughput,
        SloP99Ms = c.SloP99Ms,
        KneeConcurrency = c.KneeConcurrency,
        Points = c.Points.Select(p => new CapacityPointDto(p.Scenario, p.Concurrency, R(p.Throughput), R(p.P99Ms))).ToArray(),
    };

    public static HeapDto Heap(Correlator.Forensics.HeapForensicsResult h) => new()
    {
        Snapshots = h.Snapshots.Select(s => new SnapshotDto(s.Label, R(s.T), s.HeapBytes, s.Objects, R(s.PauseMs), R(s.AnalysisMs))
        {
            PauseMeasured = s.PauseMeasured,
            WriteDumpMs = s.WriteDumpMs > 0 ? R(s.WriteDumpMs) : null,
        }).ToArray(),
        TopGrowers = h.TopGrowers.Select(g => new TypeGrowthDto(g.Type, g.CountDelta, g.BytesDelta, g.CountAfterCoolDown, g.SurvivesCoolDown)).ToArray(),
        RetentionPaths = h.RetentionPaths.Select(p => new RetentionPathDto(p.Type, p.Root, p.Path, p.Count)).ToArray(),
        PendingTasks = h.PendingTasks.Select(p => new PendingTasksDto(p.Method, p.Count)).ToArray(),
        Notes = h.Notes,
    };

    private static string? ProtocolOf(string name, System.Text.Json.JsonElement settings)
    {
        try { return Scenarios.ScenarioCatalog.ProtocolOf(name, new Scenarios.Settings.SettingsReader(name, settings, Scenarios.Settings.ScenarioEnvironment.Empty)); }
        catch (Engine.ConfigException) { return null; }
    }

    private static double R(double value) => Math.Round(value, 3);
}
