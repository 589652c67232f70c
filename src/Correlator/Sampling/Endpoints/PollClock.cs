namespace LoadLeak.Correlator.Sampling.Endpoints;

/// <summary>
/// When the next poll is due: at mid-interval on the run clock (like the /proc source), so scheduling jitter never
/// puts two readings in one second or none in the next.
/// </summary>
internal static class PollClock
{
    private const double Phase = 0.5;

    public static TimeSpan DelayUntilNext(double now, TimeSpan interval)
    {
        var step = interval.TotalSeconds;
        var next = (Math.Floor((now - Phase * step) / step) + 1) * step + Phase * step;
        if (next - now < step / 4) next += step;
        return TimeSpan.FromSeconds(next - now);
    }
}
