namespace LoadLeak.Tests.Engine.VirtualTime;

/// <summary>A timer of a <see cref="VirtualClock"/>: due at a virtual timestamp, optionally periodic.</summary>
internal sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
{
    private volatile bool _disposed;

    public long Due { get; set; }
    public long Period { get; set; }
    public long Order { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (_disposed) return false;
        clock.Arm(this, dueTime, period);
        return true;
    }

    /// <summary>Runs the callback once; the clock counts it as firing until it returns.</summary>
    public void Fire()
    {
        try
        {
            if (!_disposed) callback(state);
        }
        finally
        {
            clock.Fired();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        clock.Disarm(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
