namespace TargetService.Kafka;

public sealed record EndToEndSnapshot(long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double MaxMs, string? LastBenchmarkId);

/// <summary>
/// Produce-to-consume latencies in log-spaced buckets (~2 % resolution, fixed memory), so the
/// target itself does not grow with the number of messages it measures.
/// </summary>
public sealed class EndToEndRecorder
{
    private const double Growth = 1.02;
    private const double MinMs = 0.01;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _buckets = new long[1200];
    private long _count;
    private double _sumMs, _maxMs;
    private string? _lastBenchmarkId;

    public void Record(double latencyMs, string? benchmarkId)
    {
        latencyMs = Math.Max(latencyMs, 0);
        var index = latencyMs <= MinMs ? 0 : Math.Min(_buckets.Length - 1, (int)(Math.Log(latencyMs / MinMs) / LogGrowth) + 1);
        lock (_buckets)
        {
            _buckets[index]++;
            _count++;
            _sumMs += latencyMs;
            _maxMs = Math.Max(_maxMs, latencyMs);
            if (benchmarkId is not null) _lastBenchmarkId = benchmarkId;
        }
    }

    public EndToEndSnapshot Snapshot()
    {
        lock (_buckets)
        {
            if (_count == 0) return new EndToEndSnapshot(0, 0, 0, 0, 0, 0, _lastBenchmarkId);
            return new EndToEndSnapshot(_count, _sumMs / _count, Percentile(0.50), Percentile(0.90), Percentile(0.99), _maxMs, _lastBenchmarkId);
        }
    }

    private double Percentile(double quantile)
    {
        var rank = (long)Math.Ceiling(quantile * _count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank) return Math.Min(_maxMs, i == 0 ? MinMs : MinMs * Math.Pow(Growth, i));
        }
        return _maxMs;
    }
}
