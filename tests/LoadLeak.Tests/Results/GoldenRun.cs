using LoadLeak.Correlator;
using LoadLeak.Correlator.Forensics;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Documents;
using LoadLeak.Engine.Config;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;
using LoadLeak.Sessions;

namespace LoadLeak.Tests.Results;

/// <summary>
/// A fixed run as the engine and the correlator hand it over: times, rates and latencies with more than three
/// decimals, a leaking heap, KeepConstant steps for a capacity fit, events and heap evidence. The goldens made
/// from it pin down run.json and stream.jsonl, rounding included.
/// </summary>
internal static class GoldenRun
{
    public const string Http = "http";
    public const string Kafka = "kafka_orders";
    private const double Third = 1.0 / 3;
    private static readonly int[] Steps = [10, 20, 40, 80];

    public static DateTimeOffset StartedAt { get; } = new(2026, 12, 1, 8, 30, 0, TimeSpan.Zero);

    public static RunMetadata Meta { get; } = new()
    {
        ToolVersion = "0.0.0-golden",
        Machine = "golden-host",
        Os = "Debian GNU/Linux 12",
        ProcessorCount = 2,
        Runtime = ".NET 10.0.0",
        ConfigPath = "golden-config.json",
        TestSuite = "golden",
        TestName = "results",
        TargetUrl = "http://127.0.0.1:5080/healthz",
        DurationScale = 0.5,
        CommandLine = "loadleak run --config golden-config.json",
    };

    public static RunPlan Plan() => new()
    {
        RunId = "golden-run",
        OutDir = Path.GetTempPath(),
        ConfigPath = "golden-config.json",
        Config = NBomberConfig.Parse("""
            { "TestSuite": "golden", "TestName": "results",
              "GlobalSettings": { "ScenariosSettings": [
                { "ScenarioName": "http", "LoadSimulationsSettings": [ { "KeepConstant": [10, "00:00:10"] } ],
                  "CustomSettings": { "Protocol": "http", "Url": "http://127.0.0.1:5080/api/query" } },
                { "ScenarioName": "kafka_orders", "LoadSimulationsSettings": [ { "KeepConstant": [10, "00:00:10"] } ],
                  "CustomSettings": { "Protocol": "nats" } } ] } }
            """, "golden-config.json"),
        Target = new TargetSpec.Attach(4242),
        ReadyUrl = "http://127.0.0.1:5080/healthz",
        DurationScale = 0.5,
        CommandLine = "loadleak run --config golden-config.json",
        Options = RunOptions.Default with { SloP99Ms = 15 },
    };

    public static IReadOnlyList<PhaseRecord> Phases()
    {
        var phases = new List<PhaseRecord>();
        foreach (var scenario in new[] { Http, Kafka })
        {
            phases.Add(new PhaseRecord("warm-up", scenario, PhaseKind.WarmUp, 0, 5 + Third, "warm-up", null, null));
            var start = 5 + Third;
            for (var i = 0; i < Steps.Length; i++)
            {
                phases.Add(new PhaseRecord($"{i + 1} KeepConstant({Steps[i]}, 00:00:10)", scenario, PhaseKind.Load, start, start + 10.00049,
                    $"KeepConstant({Steps[i]}, 00:00:10)", Steps[i], null));
                start += 10.00049;
            }
            phases.Add(new PhaseRecord("6 Pause(00:00:10)", scenario, PhaseKind.Pause, start, start + 10 + Third, "Pause(00:00:10)", 0, null));
        }
        return phases;
    }

    public static IReadOnlyList<IntervalRow> Intervals()
    {
        var phases = Phases();
        var rows = new List<IntervalRow>();
        for (var t = 1; t <= 56; t++)
        {
            foreach (var scenario in new[] { Http, Kafka })
            {
                var time = t + Third / 1000;
                var phase = phases.Last(p => p.Scenario == scenario && p.Start < time);
                var copies = phase.Copies ?? 10;
                // http turns down past its peak; kafka_orders keeps scaling (κ = 0: an infinite peak in its capacity fit).
                var kappa = scenario == Http ? 0.0004 : 0;
                var rps = phase.Kind == PhaseKind.Pause ? 0 : 19.5 * copies / (1 + 0.021 * (copies - 1) + kappa * copies * (copies - 1)) + Third;
                var ok = (long)rps;
                var latency = Latency(2 + copies * 0.05 + Third);
                var uncorrected = Latency(latency.P50 * 0.9);
                rows.Add(new IntervalRow(time, scenario, phase.Name, ok, t % 9 == 0 ? 2 : 0, rps, latency.P50, latency.P99, uncorrected.P99, copies,
                    scenario == Kafka ? rps * 1.0001 : 0, t % 11 == 0 ? 1 : 0, 0)
                { BytesReceived = ok * 128 });
            }
        }
        return rows;
    }

    public static IReadOnlyList<TargetSample> Samples() => Enumerable.Range(1, 56).Select(t => new TargetSample
    {
        T = t + 0.0004567,
        GcHeapBytes = t is >= 20 and < 23 ? null : 40e6 + t * 250_000 + Third,
        PostGcHeapBytes = t is >= 20 and < 23 ? null : 35e6 + t * 200_000,
        WorkingSetBytes = 90e6 + t * 260_000,
        RssBytes = 95e6 + t * 260_000,
        Threads = 20 + t % 4,
        OsThreads = 31 + t % 4,
        Timers = 8,
        Fds = 120 + t / 10,
        Cpu = 0.25 + Third / 10,
        AllocRateBytesPerSec = 3e6 + t * 1000 + Third,
        GcPauseMs = t % 7 == 0 ? 12.3456 : 0.5,
        GcCount = t / 7,
        Exceptions = 0,
        LockContentions = t % 3,
    }).ToList();

    public static IReadOnlyList<RetainedMark> Retained() =>
        Phases().Where(p => p.Scenario == Http && p.Start > 1).Select(p => new RetainedMark(p.Start + 0.1234567, $"before {p.Scenario}/{p.Name}",
            35e6 + p.Start * 200_000, "phase-boundary")).ToList();

    public static EngineResult Engine() => new(
        Phases(),
        [Stats(Http, 1.0), Stats(Kafka, 2.5) with { StopReason = "MaxFailCount 5 reached" }],
        Intervals(),
        [new ThresholdResult(Http, "p99 < 50 ms", true), new ThresholdResult(Kafka, "fail % < 1", false, "fail % was 1.7")],
        Cancelled: false);

    public static CorrelatorResult Correlator() => new(
        Samples(),
        Retained(),
        [new TimelineEvent(20.0004567, EventKind.CounterGap, "no runtime counters for 3 s"),
         new TimelineEvent(23.1234567, EventKind.CounterResumed, "runtime counter events resumed")],
        ["counters from the System.Runtime meter"],
        IsDotNet: true);

    /// <summary>The timeline's own events, as the runner adds them.</summary>
    public static IReadOnlyList<(double T, EventKind Kind, string Message)> TimelineEvents() =>
    [
        (15.5555555, EventKind.BrokerDown, "embedded Kafka broker 1 taken down"),
        (18.0000001, EventKind.BrokerUp, "embedded Kafka broker 1 back up"),
        (54.9876543, EventKind.TargetDied, "the target exited (code 137) during the run"),
    ];

    public static HeapForensicsResult Heap() => new(
        [new SnapshotInfo("baseline", 5.3334567, 41e6 + Third, 412_000, 820.1234, 640.98765) { PauseMeasured = true, WriteDumpMs = 905.55555 },
         new SnapshotInfo("peak", 45.0004, 51e6, 512_000, 1_050.0005, 1_310.4444) { PauseMeasured = false, WriteDumpMs = null }],
        [new TypeGrowth("TargetService.CacheEntry", 48_000, 1_536_000, 47_800, true) { PeakBytesDelta = 1_600_000, PeakCountDelta = 50_000 }],
        [new RetentionPath("TargetService.CacheEntry", "static field TargetService.Cache._entries",
            ["TargetService.Cache", "ConcurrentDictionary<String, CacheEntry>", "TargetService.CacheEntry"], 47) { Sampled = 50 }],
        [new PendingTasks("TargetService.Handlers.SlowConsumer.ConsumeAsync", 12)])
    {
        Notes = ["snapshot 'peak': pause not measurable; WriteDump call duration shown"],
    };

    public static RunnerMemoryPoint[] RunnerMemory() =>
        [new(0.001, 60e6, 20e6 + Third), new(5.004, 62e6, 21e6, 18e6), new(10.008, 61e6, 20.5e6, 18.5e6)];

    private static ScenarioStats Stats(string name, double scale) => new(
        name, 9_876, 12, 176.543210 * scale, 55.5555,
        Latency(3.1 * scale + Third), Latency(2.9 * scale + Third),
        new Dictionary<string, long> { ["200"] = 9_876, ["503"] = 12 },
        [new ErrorCount("503", "Service Unavailable", 12)],
        1_264_128, 7, 1);

    private static LatencySummary Latency(double p50) =>
        new(p50, p50 * 1.2, p50 * 1.5, p50 * 1.7, p50 * 3.3333, p50 * 7.77777, p50 * 9.123456, p50 * 1.1111, p50 * 0.5555);
}
