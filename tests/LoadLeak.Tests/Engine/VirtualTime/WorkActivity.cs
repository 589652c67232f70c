namespace LoadLeak.Tests.Engine.VirtualTime;

/// <summary>
/// Counts the threads that are running a piece of work right now, exactly. The work starts with a marker in an
/// <see cref="AsyncLocal{T}"/>, which flows to every continuation, Task.Run and timer-free callback it creates; the
/// runtime reports every switch of a thread into or out of a context holding the marker, including a thread that
/// runs the work's code while it is blocked (a lock, a type load), which /proc shows as asleep.
/// </summary>
internal sealed class WorkActivity
{
    private readonly AsyncLocal<WorkActivity?> _marker;
    private int _running;

    public WorkActivity() => _marker = new AsyncLocal<WorkActivity?>(Changed);

    /// <summary>Threads inside the work now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Starts <paramref name="work"/> on the thread pool with the marker; the caller's context is left unmarked.</summary>
    public Task<T> Start<T>(Func<Task<T>> work)
    {
        _marker.Value = this;
        try
        {
            return Task.Run(work);
        }
        finally
        {
            _marker.Value = null;
        }
    }

    private void Changed(AsyncLocalValueChangedArgs<WorkActivity?> change)
    {
        if (change.PreviousValue is null && change.CurrentValue is not null) Interlocked.Increment(ref _running);
        else if (change.PreviousValue is not null && change.CurrentValue is null) Interlocked.Decrement(ref _running);
    }
}
