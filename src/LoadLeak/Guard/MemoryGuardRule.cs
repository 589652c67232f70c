namespace LoadLeak.Guard;

/// <summary>
/// Decides, one RSS reading at a time, whether the load must stop: RSS passed the ceiling, or its least-squares slope
/// since the guard started says memory runs out before the planned end plus the margin. A forecast is trusted only as far
/// as <see cref="MaxExtrapolation"/> times the span it was measured over (a warm-up ramp is not extrapolated to an hour),
/// and must hold for <see cref="ConsecutiveReadings"/> readings in a row.
/// </summary>
internal sealed class MemoryGuardRule(double ceilingBytes, double? limitBytes, double? plannedEnd, TimeSpan margin)
{
    public const double MinSpanSeconds = 30;
    public const double MaxExtrapolation = 2;
    public const int ConsecutiveReadings = 5;
    private const int MinReadings = 20;

    // Running sums of (t - t0, rss - y0): the slope over the whole history in O(1) per reading, on a day-long soak too.
    private double _t0 = double.NaN, _y0;
    private double _n, _st, _sy, _stt, _sty;
    private int _consecutive;

    /// <summary>Why the load must stop now; null to go on.</summary>
    public string? Evaluate(double t, double rss)
    {
        if (rss > ceilingBytes)
            return $"the target's RSS {ByteSize.Format(rss)} passed the guard's ceiling {ByteSize.Format(ceilingBytes)} " +
                "(LoadLeak.Guard.MaxTargetMemory)";
        Add(t, rss);
        var span = t - _t0;
        if (limitBytes is not { } limit || _n < MinReadings || span < MinSpanSeconds) return null;
        var slope = Slope();
        var remaining = Math.Max(0, (plannedEnd ?? t) - t);
        var exhaustion = slope > 0 ? Math.Max(0, limit - rss) / slope : double.PositiveInfinity;
        var foreseen = exhaustion <= MaxExtrapolation * span && exhaustion < remaining + margin.TotalSeconds;
        _consecutive = foreseen ? _consecutive + 1 : 0;
        if (_consecutive < ConsecutiveReadings) return null;
        return FormattableString.Invariant(
            $"the target's RSS grows {slope / 1048576:0.0} MB/s: at that rate it reaches the {ByteSize.Format(limit)} memory limit in ") +
            FormattableString.Invariant($"{exhaustion:0} s, before the planned end ({remaining:0} s) plus the margin ({margin.TotalSeconds:0} s)");
    }

    private void Add(double t, double rss)
    {
        if (double.IsNaN(_t0)) (_t0, _y0) = (t, rss);
        double x = t - _t0, y = rss - _y0;
        _n++;
        _st += x;
        _sy += y;
        _stt += x * x;
        _sty += x * y;
    }

    /// <summary>Least-squares slope, bytes per second.</summary>
    private double Slope()
    {
        var variance = _stt - _st * _st / _n;
        return variance > 0 ? (_sty - _st * _sy / _n) / variance : 0;
    }
}
