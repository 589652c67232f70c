namespace LoadLeak.Tests.Engine.VirtualTime;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when told to: <see cref="VirtualRun"/> moves it to the next
/// timer whenever the thread pool has nothing left to run, and a scenario that stands for synchronous work moves it
/// with <see cref="Spend"/>. Timers fire on the thread pool, as real ones do. A busy machine therefore makes an
/// engine test slower, never different: every timestamp the engine reads is decided by the schedule alone.
/// </summary>
internal sealed class VirtualClock : TimeProvider
{
    public const long Frequency = 1_000_000_000;
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<VirtualTimer> _armed = [];
    private long _now;
    private long _order;
    private int _firing;

    public override long TimestampFrequency => Frequency;

    public override long GetTimestamp() => Volatile.Read(ref _now);

    public override DateTimeOffset GetUtcNow() => Epoch.AddTicks(GetTimestamp() / (Frequency / TimeSpan.TicksPerSecond));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public double Seconds => GetTimestamp() / (double)Frequency;

    /// <summary>Timer callbacks queued or running: time must not move before they are done.</summary>
    public int Firing => Volatile.Read(ref _firing);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Waits <paramref name="delay"/> of virtual time.</summary>
    public Task Delay(TimeSpan delay, CancellationToken ct = default) => Task.Delay(delay, this, ct);

    public Task DelayMs(double milliseconds, CancellationToken ct = default) => Delay(TimeSpan.FromMilliseconds(milliseconds), ct);

    /// <summary>Runs <paramref name="action"/> on the thread pool at virtual second <paramref name="seconds"/>.</summary>
    public void At(double seconds, Action action) =>
        CreateTimer(_ => action(), null, TimeSpan.FromSeconds(seconds) - TimeSpan.FromTicks(GetTimestamp() / 100), Timeout.InfiniteTimeSpan);

    /// <summary>Moves time on as synchronous work would; the timers it passes fire (on the thread pool).</summary>
    public void Spend(TimeSpan work)
    {
        Interlocked.Add(ref _now, Ticks(work));
        FireDue();
    }

    /// <summary>Moves time to the earliest armed timer and fires every timer due then; false when none is armed.</summary>
    public bool AdvanceToNextTimer()
    {
        lock (_gate)
        {
            if (_armed.Count == 0) return false;
            var next = _armed.Min(t => t.Due);
            if (next > _now) Volatile.Write(ref _now, next);
        }
        FireDue();
        return true;
    }

    internal static long Ticks(TimeSpan span) => (long)Math.Round(span.TotalSeconds * Frequency);

    internal void Arm(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _armed.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan) return;
            timer.Due = _now + Math.Max(0, Ticks(dueTime));
            timer.Period = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : Ticks(period);
            timer.Order = ++_order;
            _armed.Add(timer);
        }
    }

    internal void Fired() => Interlocked.Decrement(ref _firing);

    internal void Disarm(VirtualTimer timer)
    {
        lock (_gate) _armed.Remove(timer);
    }

    private void FireDue()
    {
        List<VirtualTimer>? due = null;
        lock (_gate)
        {
            var now = _now;
            foreach (var timer in _armed)
            {
                if (timer.Due <= now) (due ??= []).Add(timer);
            }
            if (due is null) return;
            due.Sort((a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Order.CompareTo(b.Order));
            foreach (var timer in due)
            {
                if (timer.Period == 0)
                {
                    _armed.Remove(timer);
                    continue;
                }
                while (timer.Due <= now) timer.Due += timer.Period;
                timer.Order = ++_order;
            }
        }
        Interlocked.Add(ref _firing, due.Count);
        foreach (var timer in due) ThreadPool.UnsafeQueueUserWorkItem(static t => t.Fire(), timer, preferLocal: false);
    }
}
