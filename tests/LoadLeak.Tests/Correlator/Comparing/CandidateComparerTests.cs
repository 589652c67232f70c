using LoadLeak.Correlator.Comparing;
using LoadLeak.Results;

namespace LoadLeak.Tests.Correlator.Comparing;

public sealed class CandidateComparerTests
{
    [Fact]
    public void Comparison_flags_differences_beyond_twice_the_noise()
    {
        RunDocument Run(double rps, LeakVerdict verdict) => new()
        {
            RunId = "x",
            Scenarios = [new ScenarioStats("http", 1000, 0, rps, 0, Latency(1), Latency(1), new Dictionary<string, long>(), [], 0, 0, 0)],
            Leak = new LeakReport { Verdict = verdict },
        };
        CandidateSummary Candidate(string name, params RunDocument[] runs)
        {
            var (metrics, verdicts, _) = CandidateComparer.Summarize(runs);
            return new CandidateSummary { Name = name, Command = "x", Metrics = metrics, LeakVerdicts = verdicts };
        }
        var a = Candidate("a", Run(1000, LeakVerdict.NoLeak), Run(1010, LeakVerdict.NoLeak), Run(990, LeakVerdict.NoLeak));
        var b = Candidate("b", Run(1500, LeakVerdict.Leak), Run(1490, LeakVerdict.Leak), Run(1510, LeakVerdict.Leak));
        var c = Candidate("c", Run(1005, LeakVerdict.NoLeak), Run(995, LeakVerdict.NoLeak), Run(1000, LeakVerdict.NoLeak));
        var comparisons = CandidateComparer.Compare(a, [b, c]);
        var rpsB = comparisons.Single(x => x.Candidate == "b" && x.Metric == "rps");
        var rpsC = comparisons.Single(x => x.Candidate == "c" && x.Metric == "rps");
        Assert.Equal(50, rpsB.DiffPercent!.Value, 1);
        Assert.Equal(ComparisonVerdict.Significant, rpsB.Verdict);
        Assert.Equal(ComparisonVerdict.WithinNoise, rpsC.Verdict);
        Assert.Equal([LeakVerdict.Leak, LeakVerdict.Leak, LeakVerdict.Leak], b.LeakVerdicts);
    }

    /// <summary>
    /// One run of 60 one-second intervals after a warm-up: throughput around <paramref name="rps"/>, each second leaning on the last.
    /// </summary>
    private static RunDocument PerSecondRun(double rps, int seed)
    {
        var random = new Random(seed);
        var level = 0.0;
        var rows = new List<IntervalRow> { new(1, "http", "warm-up", 10, 0, 10, 9, 9, 9, 1, 0, 0, 0) };
        for (var t = 2; t <= 61; t++)
        {
            level = 0.5 * level + (random.NextDouble() - 0.5) * 60;
            var r = rps + level;
            rows.Add(new IntervalRow(t, "http", "1 load", (long)r, 0, r, 1, 2, 2, 8, 0, 0, 0));
        }
        return new RunDocument
        {
            RunId = "x",
            Phases = [new PhaseRecord("warm-up", "http", PhaseKind.WarmUp, 0, 1, "warm-up", 8, null),
                new PhaseRecord("1 load", "http", PhaseKind.Load, 1, 61, "KeepConstant(8, 00:01:00)", 8, null)],
            Intervals = rows,
            Scenarios = [new ScenarioStats("http", (long)(rps * 60), 0, rps, 0, Latency(1), Latency(1), new Dictionary<string, long>(), [], 0, 0, 0)],
            Leak = new LeakReport { Verdict = LeakVerdict.NoLeak },
        };
    }

    private static CandidateSummary OneRun(string name, RunDocument run)
    {
        var (metrics, verdicts, perSecond) = CandidateComparer.Summarize([run]);
        return new CandidateSummary { Name = name, Command = "x", Metrics = metrics, LeakVerdicts = verdicts, PerSecond = perSecond };
    }

    [Fact]
    public void One_run_a_side_compares_throughput_second_by_second()
    {
        var baseline = OneRun("a", PerSecondRun(1000, 1));
        var faster = OneRun("b", PerSecondRun(1100, 2));
        var same = OneRun("c", PerSecondRun(1000, 3));

        var comparisons = CandidateComparer.Compare(baseline, [faster, same]);

        var rpsFaster = comparisons.Single(x => x.Candidate == "b" && x.Metric == "rps");
        Assert.Equal(ComparisonOutcome.Better, rpsFaster.Outcome);
        Assert.Equal(PairedSecondsTest.Name, rpsFaster.Test);
        Assert.InRange(100.0, rpsFaster.DifferenceLow!.Value, rpsFaster.DifferenceHigh!.Value);
        var rpsSame = comparisons.Single(x => x.Candidate == "c" && x.Metric == "rps");
        Assert.Equal(ComparisonOutcome.WithinNoise, rpsSame.Outcome);
        Assert.Null(rpsSame.RepeatsToResolve);
        // Metrics without per-second values still have no noise to judge by.
        Assert.Equal(ComparisonOutcome.UnknownNoise, comparisons.Single(x => x.Candidate == "b" && x.Metric == "errors").Outcome);
    }

    private static LatencySummary Latency(double v) => new(v, v, v, v, v, v, v, v, 0);
}
