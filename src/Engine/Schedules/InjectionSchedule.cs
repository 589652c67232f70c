using LoadLeak.Engine.Simulations;

namespace LoadLeak.Engine.Schedules;

/// <summary>
/// When an open-model segment intends to start each iteration. Iterations are spread evenly inside
/// each interval (not fired as a burst at its start), and fractional rates carry over between
/// intervals, so a rate of 0.5 per interval starts one iteration every second interval.
/// Pure and lazy: the start times are computed on demand, nothing is stored per iteration.
/// </summary>
public sealed class InjectionSchedule
{
    private readonly Func<long, double> _ratePerInterval;

    private InjectionSchedule(TimeSpan interval, TimeSpan? during, long? iterations, double targetRate, Func<long, double> ratePerInterval)
    {
        Interval = interval;
        Duration = during;
        Iterations = iterations;
        TargetRatePerInterval = targetRate;
        _ratePerInterval = ratePerInterval;
    }

    public TimeSpan Interval { get; }

    /// <summary>How long the segment injects; null when it injects until <see cref="Iterations"/> have started.</summary>
    public TimeSpan? Duration { get; }

    public long? Iterations { get; }

    /// <summary>The segment's nominal rate per interval (InjectRandom: the midpoint of its range).</summary>
    public double TargetRatePerInterval { get; }

    public double TargetRatePerSecond => TargetRatePerInterval / Interval.TotalSeconds;

    /// <summary>The rate the segment ends at, per second; the next RampingInject ramps from here.</summary>
    public double EndRatePerSecond { get; private init; }

    /// <param name="previousRatePerSecond">Rate at the end of the previous segment; RampingInject ramps from it.</param>
    /// <param name="seed">Seed of InjectRandom's per-interval choices, so a run can be reproduced.</param>
    public static InjectionSchedule For(LoadSimulation simulation, double previousRatePerSecond, int seed)
    {
        switch (simulation)
        {
            case Inject i:
                return new InjectionSchedule(i.Interval, i.During, null, i.Rate, _ => i.Rate) { EndRatePerSecond = i.Rate / i.Interval.TotalSeconds };
            case IterationsForInject i:
                return new InjectionSchedule(i.Interval, null, i.Iterations, i.Rate, _ => i.Rate) { EndRatePerSecond = i.Rate / i.Interval.TotalSeconds };
            case RampingInject r:
                {
                    var from = previousRatePerSecond * r.Interval.TotalSeconds;
                    var count = IntervalCount(r.During, r.Interval);
                    // Each interval runs at the rate reached at its end, so the last interval hits the target.
                    return new InjectionSchedule(r.Interval, r.During, null, r.Rate,
                        index => from + (r.Rate - from) * Math.Min(index + 1, count) / count)
                    { EndRatePerSecond = r.Rate / r.Interval.TotalSeconds };
                }
            case InjectRandom r:
                {
                    var span = r.MaxRate - r.MinRate + 1;
                    return new InjectionSchedule(r.Interval, r.During, null, (r.MinRate + r.MaxRate) / 2.0,
                        index => r.MinRate + (long)(Mix(seed, index) % (ulong)span))
                    { EndRatePerSecond = (r.MinRate + r.MaxRate) / 2.0 / r.Interval.TotalSeconds };
                }
            case Pause p:
                return new InjectionSchedule(TimeSpan.FromSeconds(1), p.During, null, 0, _ => 0);
            default:
                throw new ArgumentException($"{simulation.Describe()} is not an open-model simulation", nameof(simulation));
        }
    }

    /// <summary>Iterations wanted per interval in the interval containing <paramref name="offsetSeconds"/>.</summary>
    public double RatePerIntervalAt(double offsetSeconds) =>
        _ratePerInterval((long)Math.Floor(Math.Max(0, offsetSeconds) / Interval.TotalSeconds));

    public double RatePerSecondAt(double offsetSeconds) => RatePerIntervalAt(offsetSeconds) / Interval.TotalSeconds;

    /// <summary>Intended start offsets (seconds after the segment started), ascending, first at 0.</summary>
    public IEnumerable<double> StartOffsets()
    {
        var length = Interval.TotalSeconds;
        var end = Duration?.TotalSeconds ?? double.PositiveInfinity;
        var limit = Iterations ?? long.MaxValue;
        double cumulative = 0;
        long next = 0;
        for (long index = 0; index * length < end && next < limit; index++)
        {
            var intervalStart = index * length;
            var intervalLength = Math.Min(length, end - intervalStart);
            var count = _ratePerInterval(index) * intervalLength / length;
            if (count <= 0) continue;
            while (next < cumulative + count - 1e-9 && next < limit)
            {
                yield return intervalStart + (next - cumulative) / count * intervalLength;
                next++;
            }
            cumulative += count;
        }
    }

    /// <summary>Intended start offsets in [t0, t1). Walks from the segment start; meant for tests and previews.</summary>
    public IReadOnlyList<double> StartsBetween(double t0, double t1) =>
        StartOffsets().SkipWhile(t => t < t0).TakeWhile(t => t < t1).ToList();

    private static long IntervalCount(TimeSpan during, TimeSpan interval) =>
        Math.Max(1, (long)Math.Ceiling(during.TotalSeconds / interval.TotalSeconds - 1e-9));

    // SplitMix64: a deterministic per-interval random number without storing one per interval.
    private static ulong Mix(int seed, long index)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
