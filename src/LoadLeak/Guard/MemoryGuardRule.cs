namespace LoadLeak.Guard;

/// <summary>
/// Decides, one RSS reading at a time, whether the load must stop: RSS passed the ceiling, or its slope over the last
/// <see cref="WindowSeconds"/> says memory runs out before the planned end plus the margin. The forecast must hold for
/// <see cref="ConsecutiveReadings"/> readings in a row, so one burst (a warm-up, a GC's lag) does not stop a run.
/// </summary>
internal sealed class MemoryGuardRule(double ceilingBytes, double? limitBytes, double? plannedEnd, TimeSpan margin)
{
    public const double WindowSeconds = 60;
    public const double MinSpanSeconds = 30;
    public const int ConsecutiveReadings = 5;
    private const int MinReadings = 20;

    private readonly Queue<(double T, double Rss)> _window = new();
    private int _consecutive;

    public double CeilingBytes => ceilingBytes;

    /// <summary>Why the load must stop now; null to go on.</summary>
    public string? Evaluate(double t, double rss)
    {
        if (rss > ceilingBytes)
            return $"the target's RSS {ByteSize.Format(rss)} passed the guard's ceiling {ByteSize.Format(ceilingBytes)} (LoadLeak.Guard.MaxTargetMemory)";
        _window.Enqueue((t, rss));
        while (_window.Peek().T < t - WindowSeconds) _window.Dequeue();
        if (limitBytes is not { } limit || _window.Count < MinReadings || t - _window.Peek().T < MinSpanSeconds) return null;
        var slope = Slope();
        var remaining = Math.Max(0, (plannedEnd ?? t) - t);
        var exhaustion = slope > 0 ? (limit - rss) / slope : double.PositiveInfinity;
        _consecutive = exhaustion < remaining + margin.TotalSeconds ? _consecutive + 1 : 0;
        if (_consecutive < ConsecutiveReadings) return null;
        return FormattableString.Invariant(
            $"the target's RSS grows {slope / 1048576:0.0} MB/s: at that rate it reaches the {ByteSize.Format(limit)} memory limit in ") +
            FormattableString.Invariant($"{exhaustion:0} s, before the planned end ({remaining:0} s) plus the margin ({margin.TotalSeconds:0} s)");
    }

    /// <summary>Least-squares slope of the window, bytes per second.</summary>
    private double Slope()
    {
        var n = _window.Count;
        double meanT = 0, meanY = 0;
        foreach (var (t, y) in _window) { meanT += t / n; meanY += y / n; }
        double covariance = 0, variance = 0;
        foreach (var (t, y) in _window)
        {
            covariance += (t - meanT) * (y - meanY);
            variance += (t - meanT) * (t - meanT);
        }
        return variance > 0 ? covariance / variance : 0;
    }
}
