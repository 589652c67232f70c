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
            var (metrics, verdicts) = CandidateComparer.Summarize(runs);
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

    private static LatencySummary Latency(double v) => new(v, v, v, v, v, v, v, v, 0);
}
