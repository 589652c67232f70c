using LoadLeak.Results;

namespace LoadLeak.Tests.Shared;

/// <summary>
/// A realistic, deterministic run document (ramped phases, a slow heap leak, a counter gap, a
/// broker outage, heap diff, capacity fit) for testing the reports. Its figures have the 3 decimals run.json gives them.
/// </summary>
internal static class SyntheticRunDocument
{
    private static readonly string[] Protocols = ["http", "grpc", "kafka"];

    public static RunDocument Create(double durationSeconds = 3600, int scenarioCount = 3, string? firstScenarioName = null)
    {
        var random = new Random(42);
        var names = Enumerable.Range(0, scenarioCount)
            .Select(i => i == 0 && firstScenarioName is not null ? firstScenarioName : $"{Protocols[i % 3]}_query{(i >= 3 ? i : "")}")
            .ToList();
        var phases = Phases(durationSeconds, names);
        var intervals = new List<IntervalRow>();
        var samples = new List<TargetSample>();
        var gap = (Start: durationSeconds * 0.33, End: durationSeconds * 0.33 + 30);
        var outage = (Start: durationSeconds * 0.6, End: durationSeconds * 0.6 + 20);
        for (var t = 1; t <= (int)durationSeconds; t++)
        {
            double totalRps = 0;
            for (var s = 0; s < names.Count; s++)
            {
                var phase = phases.Last(p => p.Scenario == names[s] && p.Start < t);
                var copies = phase.Copies ?? 0;
                var rps = phase.Kind == PhaseKind.Pause ? 0 : copies * (20 - s * 4) / (1 + 0.002 * copies) * (0.95 + 0.1 * random.NextDouble());
                var isKafkaDown = s == 2 && t >= outage.Start && t < outage.End;
                var fail = isKafkaDown ? (long)(rps * 0.8) : random.NextDouble() < 0.05 ? random.Next(1, 4) : 0;
                var p50 = 2 + copies * 0.01 + random.NextDouble();
                var p99 = p50 * (3 + random.NextDouble() * 2) + (isKafkaDown ? 400 : 0);
                totalRps += rps;
                intervals.Add(new IntervalRow(t, names[s], phase.Name, (long)rps - fail, fail, R(rps), R(p50), R(p99), R(p99 * 0.7),
                    copies, phase.Rate ?? 0, random.Next(0, 3), 0));
            }
            var inGap = t >= gap.Start && t < gap.End;
            var heap = 60e6 + t * 4_000 + 25e6 * ((t % 37) / 37.0);
            samples.Add(new TargetSample
            {
                T = t,
                GcHeapBytes = inGap ? null : heap,
                PostGcHeapBytes = inGap ? null : 55e6 + t * 3_500,
                WorkingSetBytes = inGap ? null : heap + 80e6,
                RssBytes = heap + 85e6,
                Threads = inGap ? null : 24 + Math.Min(12, totalRps / 200) + (t > durationSeconds / 2 ? 2 : 0),
                Timers = inGap ? null : 8 + t / 120,
                Fds = 140 + (t % 50 == 0 ? 3 : 0),
                Cpu = Math.Min(2, totalRps / 3000 + 0.05),
                AllocRateBytesPerSec = totalRps * 9_000,
                GcPauseMs = inGap ? null : t % 37 == 0 ? 12 + random.NextDouble() * 8 : random.NextDouble(),
                GcCount = t / 37,
                Exceptions = 0,
                LockContentions = random.Next(0, 5),
            });
        }

        var retained = phases.Where(p => p.Scenario == names[0])
            .Select(p => new RetainedMark(R(p.End), p.Name, 55e6 + p.End * 3_500, "phase-end")).ToList();
        return new RunDocument
        {
            RunId = "20261127-120000-synthetic",
            StartedAt = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
            DurationSeconds = durationSeconds,
            Status = RunStatus.Complete,
            ExitCode = 1,
            Meta = new RunMetadata
            {
                ToolVersion = "0.1.0",
                Machine = "ci-runner-7",
                Os = "Debian GNU/Linux 12",
                ProcessorCount = 2,
                Runtime = ".NET 10.0.12",
                ConfigPath = "nbomber-config.json",
                TestSuite = "soak",
                TestName = "uniform ramp",
                TargetCommand = "dotnet samples/TargetService/bin/Release/net10.0/TargetService.dll --leak=cache",
                TargetPid = 4242,
                TargetUrl = "http://127.0.0.1:5080",
                CommandLine = "loadleak run --config nbomber-config.json",
            },
            Phases = phases,
            Scenarios = names.Select((n, i) => Scenario(n, i, intervals)).ToList(),
            Intervals = intervals,
            Samples = samples,
            Retained = retained,
            Attribution = phases.Where(p => p.Kind != PhaseKind.WarmUp).Select(p => new PhaseAttribution
            {
                Phase = p.Name,
                Scenario = p.Scenario,
                Start = R(p.Start),
                End = R(p.End),
                Requests = (long)intervals.Where(i => i.Scenario == p.Scenario && i.T > p.Start && i.T <= p.End).Sum(i => i.Rps),
                HeapDeltaBytes = (p.End - p.Start) * 4_000,
                RetainedDeltaBytes = (p.End - p.Start) * 3_500,
                RssDeltaBytes = null,
                ThreadsDelta = 1,
                TimersDelta = (p.End - p.Start) / 120,
                FdsDelta = 0,
                AllocRateBytesPerSec = 4.5e6,
                GcPauseShare = 0.012,
            }).ToList(),
            BytesPerRequest = names
                .Select((n, i) => new RequestRegression(n, i == 0 ? 212.5 : 3.1, i == 0 ? 0.97 : 0.08, phases.Count(p => p.Scenario == n))).ToList(),
            Leak = new LeakReport
            {
                Verdict = LeakVerdict.Leak,
                Findings =
                [
                    new LeakFinding
                    {
                        Resource = LeakResource.Heap, Scenario = names[0], Phase = phases[^1].Name, Slope = 3_500, SlopePerRequest = 212.5,
                        Test = "Mann-Kendall", Statistic = 7.9, Confidence = 0.9999, GrowthTotal = durationSeconds * 3_500, Recovered = false,
                        IsLeak = true, Summary = "Retained heap grows 12 MB/h with requests and does not recover after cool-down.",
                    },
                    new LeakFinding
                    {
                        Resource = LeakResource.Timers, Slope = 1 / 120.0, Test = "Mann-Kendall", Statistic = 6.2, Confidence = 0.999,
                        GrowthTotal = durationSeconds / 120, Recovered = false, IsLeak = true, Summary = "Timers are created and never disposed.",
                    },
                    new LeakFinding
                    {
                        Resource = LeakResource.Threads, Slope = 0.0004, Test = "Mann-Kendall", Statistic = 1.1, Confidence = 0.72, IsLeak = false,
                        Summary = "Thread count follows load and recovers.",
                    },
                ],
                Notes = ["Allocation is not retention: retained heap is measured after a forced full GC at each phase boundary."],
            },
            Heap = new HeapForensicsResult(
                [
                    new SnapshotInfo("baseline", 60, 61e6, 412_000, 820, 640) { PauseMeasured = true, WriteDumpMs = 905 },
                    new SnapshotInfo("after-load", durationSeconds - 60, 71e6, 905_000, 1_050, 1_310) { PauseMeasured = true, WriteDumpMs = 1_130 },
                    new SnapshotInfo("after-cool-down", durationSeconds, 70e6, 880_000, 990, 1_200) { WriteDumpMs = 990 },
                ],
                [
                    new TypeGrowth("System.Collections.Concurrent.ConcurrentDictionary<System.String, TargetService.CacheEntry>+Node",
                        480_000, 23_040_000, 478_000, true),
                    new TypeGrowth("TargetService.CacheEntry", 480_000, 15_360_000, 478_000, true),
                    new TypeGrowth("System.Threading.TimerQueueTimer", 30, 2_880, 30, true),
                    new TypeGrowth("System.Byte[]", 1_200, 2_400_000, 40, false),
                ],
                [
                    new RetentionPath("TargetService.CacheEntry", "static field TargetService.Cache._entries",
                        ["TargetService.Cache", "ConcurrentDictionary<String, CacheEntry>", "Node[]", "Node", "TargetService.CacheEntry"], 478_000),
                ],
                [new PendingTasks("TargetService.Handlers.SlowConsumer.ConsumeAsync", 12)]),
            Capacity = new CapacityResult(null, 0.021, 0.00012, 19.5, 0.987, 89, 690, 50, 300,
                new double[] { 100, 200, 300, 400, 500 }.Select(n => new CapacityPoint(names[0], n,
                    R(19.5 * n / (1 + 0.021 * (n - 1) + 0.00012 * n * (n - 1)) * (0.97 + 0.06 * random.NextDouble())), R(5 + n * 0.1))).ToList()),
            Thresholds =
            [
                new ThresholdResult(names[0], "p99 < 50 ms", true, null),
                new ThresholdResult(names[^1], "fail % < 1", false, "fail % was 1.7"),
            ],
            Events =
            [
                new TimelineEvent(R(gap.Start), EventKind.CounterGap, "EventPipe session restarted; counters missing for 30 s"),
                new TimelineEvent(R(outage.Start), EventKind.BrokerDown, "Kafka broker 1 set down (fault injection)"),
                new TimelineEvent(R(outage.End), EventKind.BrokerUp, "Kafka broker 1 back up"),
            ],
            Notes = ["Synthetic document: for previews and tests of the reports."],
        };
    }

    private static List<PhaseRecord> Phases(double duration, IReadOnlyList<string> names)
    {
        var warmup = Math.Round(duration * 0.05);
        var cool = Math.Round(duration * 0.1);
        var steps = 5;
        var stepLength = (duration - warmup - cool) / steps;
        var phases = new List<PhaseRecord>();
        foreach (var name in names)
        {
            phases.Add(new PhaseRecord("warm-up", name, PhaseKind.WarmUp, 0, warmup, "keep_constant", 10, null));
            for (var i = 0; i < steps; i++)
            {
                var (start, end) = (R(warmup + i * stepLength), R(warmup + (i + 1) * stepLength));
                phases.Add(new PhaseRecord($"step {(i + 1) * 100}", name, PhaseKind.Load, start, end, "keep_constant", (i + 1) * 100, null));
            }
            phases.Add(new PhaseRecord("cool-down", name, PhaseKind.Pause, duration - cool, duration, "pause", 0, null));
        }
        return phases;
    }

    private static ScenarioStats Scenario(string name, int index, IReadOnlyList<IntervalRow> intervals)
    {
        var rows = intervals.Where(i => i.Scenario == name).ToList();
        var ok = rows.Sum(r => r.Ok);
        var fail = rows.Sum(r => r.Fail);
        var scale = 1 + index * 0.4;
        var codes = fail > 0 ? new Dictionary<string, long> { ["200"] = ok, ["503"] = fail } : new Dictionary<string, long> { ["200"] = ok };
        return new ScenarioStats(name, ok, fail, rows.Count == 0 ? 0 : R(rows.Average(r => r.Rps)), rows.Count,
            Latency(3.1 * scale, 4.2 * scale, 6.8 * scale, 9.5 * scale, 18.2 * scale, 41.0 * scale, 420 * scale, 4.0 * scale, 3.3 * scale),
            Latency(3.0 * scale, 4.0 * scale, 6.1 * scale, 8.2 * scale, 12.9 * scale, 25.3 * scale, 380 * scale, 3.6 * scale, 2.4 * scale),
            codes, fail > 0 ? [new ErrorCount("503", "Service Unavailable: upstream \"broker\" <down>", fail)] : [],
            ok * 128, rows.Sum(r => r.Late), 0)
        {
            Protocol = Protocols[index % 3],
        };
    }

    private static LatencySummary Latency(params double[] ms) =>
        new(R(ms[0]), R(ms[1]), R(ms[2]), R(ms[3]), R(ms[4]), R(ms[5]), R(ms[6]), R(ms[7]), R(ms[8]));

    /// <summary>The figures a run writes with 3 decimals (times, rates, latencies) are generated that way here too.</summary>
    private static double R(double value) => Math.Round(value, 3);
}
