namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// Collapses a per-second series into consecutive time blocks. Block means damp the short-range
/// autocorrelation of per-second samples and keep the O(n²) tests cheap on hour-long runs;
/// block minima follow the floor of a sawtooth (the heap after each GC).
/// </summary>
internal static class BlockReducer
{
    public static IReadOnlyList<SeriesPoint> Reduce(IReadOnlyList<SeriesPoint> points, double minBlockSeconds, int maxBlocks, bool useMinimum)
    {
        if (points.Count == 0) return [];
        var span = points[^1].T - points[0].T;
        var blockSeconds = Math.Max(minBlockSeconds, span / Math.Max(1, maxBlocks));
        var blocks = new List<SeriesPoint>();
        var start = points[0].T;
        var current = new List<SeriesPoint>();
        foreach (var p in points)
        {
            if (p.T >= start + blockSeconds && current.Count > 0)
            {
                blocks.Add(Fold(current, useMinimum));
                current.Clear();
                start += Math.Floor((p.T - start) / blockSeconds) * blockSeconds;
            }
            current.Add(p);
        }
        if (current.Count > 0) blocks.Add(Fold(current, useMinimum));
        return blocks;
    }

    private static SeriesPoint Fold(List<SeriesPoint> block, bool useMinimum) =>
        new(block.Average(p => p.T), useMinimum ? block.Min(p => p.Value) : block.Average(p => p.Value));
}
