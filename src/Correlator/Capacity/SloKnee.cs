namespace LoadLeak.Correlator.Capacity;

/// <summary>Where latency crosses the SLO as concurrency grows.</summary>
internal static class SloKnee
{
    /// <summary>
    /// The concurrency at which p99 first exceeds <paramref name="sloP99Ms"/>, interpolated
    /// linearly between the last step within the SLO and the first above it; null if no step
    /// exceeds it. If even the lowest step exceeds it, that step's concurrency is returned
    /// (the crossing lies at or below it). Repeated concurrency levels are averaged.
    /// </summary>
    public static double? Find(IReadOnlyList<(double N, double P99Ms)> points, double sloP99Ms)
    {
        if (!(sloP99Ms > 0)) throw new ArgumentOutOfRangeException(nameof(sloP99Ms), sloP99Ms, "the SLO must be a positive p99 in ms");
        var steps = points
            .Where(p => double.IsFinite(p.N) && double.IsFinite(p.P99Ms))
            .GroupBy(p => p.N)
            .Select(g => (N: g.Key, P99: g.Average(p => p.P99Ms)))
            .OrderBy(p => p.N)
            .ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].P99 <= sloP99Ms) continue;
            if (i == 0) return steps[0].N;
            var (low, high) = (steps[i - 1], steps[i]);
            return low.N + (sloP99Ms - low.P99) * (high.N - low.N) / (high.P99 - low.P99);
        }
        return null;
    }
}
