using LoadLeak.Correlator.Analysis;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Tests.Correlator;

/// <summary>Builds synthetic runs: phases, one interval row per second, one sample per second.</summary>
internal sealed class SyntheticRun
{
    public const double Mb = 1024 * 1024;

    private readonly List<PhaseRecord> _phases = [];
    private readonly List<IntervalRow> _intervals = [];
    private readonly List<RetainedMark> _marks = [];
    private Func<double, TargetSample, TargetSample> _sample = (_, s) => s;

    public SyntheticRun Phase(string name, PhaseKind kind, double start, double end, double rate, string scenario = "http")
    {
        _phases.Add(new PhaseRecord(name, scenario, kind, start, end, "inject", null, rate));
        for (var t = start + 1; t <= end; t++)
            _intervals.Add(new IntervalRow(t, scenario, name, (long)rate, 0, rate, 0, 0, 0, 0, rate, 0, 0));
        return this;
    }

    public SyntheticRun Samples(Func<double, TargetSample, TargetSample> fill)
    {
        _sample = fill;
        return this;
    }

    public SyntheticRun Mark(double t, string phase, double heap, string reason = "boundary", double? requestedT = null, double? heapSize = null)
    {
        _marks.Add(new RetainedMark(t, phase, heap, reason) { RequestedT = requestedT, HeapSizeBytes = heapSize });
        return this;
    }

    public IReadOnlyList<IntervalRow> Intervals => _intervals;

    public AnalysisInput Input(LeakOptions? options = null)
    {
        var end = _phases.Max(p => p.End);
        var samples = Enumerable.Range(1, (int)end).Select(t => _sample(t, new TargetSample { T = t })).ToList();
        return new AnalysisInput(_phases, _intervals, samples, _marks, options ?? LeakOptions.Default);
    }

    public AnalysisResult Analyze(LeakOptions? options = null) => LeakAnalyzer.Analyze(Input(options));

    /// <summary>warm-up 0–60 s, load 60–300 at 100 req/s and 300–600 at 200 req/s, cool-down 600–700 at 5 req/s.</summary>
    public static SyntheticRun Standard() => new SyntheticRun()
        .Phase("warmup", PhaseKind.WarmUp, 0, 60, 50)
        .Phase("ramp-1", PhaseKind.Load, 60, 300, 100)
        .Phase("ramp-2", PhaseKind.Load, 300, 600, 200)
        .Phase("cool-down", PhaseKind.Load, 600, 700, 5);
}

/// <summary>Seeded noise: white and AR(1) (strongly autocorrelated, like a heap between GCs).</summary>
internal sealed class Noise(int seed)
{
    private readonly Random _random = new(seed);
    private double _ar;

    public double Gaussian()
    {
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>x_t = phi x_(t-1) + e_t, scaled so the stationary standard deviation is sigma.</summary>
    public double Ar1(double phi, double sigma)
    {
        _ar = phi * _ar + Gaussian() * sigma * Math.Sqrt(1 - phi * phi);
        return _ar;
    }
}
