namespace LoadLeak.Targets;

/// <summary>
/// Notices a target writing its log faster than a threshold (bytes per second, over whole seconds of a monotonic clock):
/// per-request logging that halves throughput, usually because the target misses its own config. Reports once.
/// </summary>
internal sealed class LogRateMeter(double maxBytesPerSecond, TimeProvider time)
{
    private long _windowStart = time.GetTimestamp();
    private long _windowBytes;

    /// <summary>The rate that crossed the threshold first; null while under it.</summary>
    public double? ExceededAt { get; private set; }

    /// <summary>Called once, with the rate, when the threshold is first crossed.</summary>
    public Action<double>? Exceeded { get; set; }

    public void Add(long bytes)
    {
        if (ExceededAt is not null) return;
        _windowBytes += bytes;
        var elapsed = time.GetElapsedTime(_windowStart).TotalSeconds;
        // A second's worth over the threshold is over it, whether or not the second has ended yet.
        if (_windowBytes > maxBytesPerSecond * Math.Max(1, elapsed))
        {
            ExceededAt = _windowBytes / Math.Max(1, elapsed);
            Exceeded?.Invoke(ExceededAt.Value);
            return;
        }
        if (elapsed >= 1)
        {
            _windowStart = time.GetTimestamp();
            _windowBytes = 0;
        }
    }
}
