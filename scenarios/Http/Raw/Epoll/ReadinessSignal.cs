using System.Threading.Tasks.Sources;

namespace LoadLeak.Scenarios.Http.Raw.Epoll;

/// <summary>
/// One side's edges (readable or writable) of a connection from the epoll loop, awaitable without allocating.
/// Edge-triggered epoll reports a change once, so none may be lost: an edge that comes while nobody waits (say,
/// between a recv or send that returned EAGAIN and the wait after it) is remembered, and the next wait returns at
/// once; several such edges merge into one, which is enough because the caller retries the call until EAGAIN
/// before waiting again. A wait can be cancelled (the request's timeout): its token is kept, not registered, and
/// the loop's scan (<see cref="CancelIfRequested"/>) fails it once cancelled. States: idle, waiting (a waiter is
/// parked), ready (an edge came and no wait consumed it yet).
/// </summary>
internal sealed class ReadinessSignal : IValueTaskSource
{
    private const int Idle = 0, Waiting = 1, Ready = 2;

    private ManualResetValueTaskSourceCore<bool> _core;
    // Written before the state turns Waiting, so a scan that sees Waiting reads this wait's token (or a later one's).
    private CancellationToken _token;
    private int _state;

    public ReadinessSignal(bool runContinuationsAsynchronously) =>
        _core.RunContinuationsAsynchronously = runContinuationsAsynchronously;

    /// <summary>Completes when an edge came since the last wait returned (at once if one already did).</summary>
    public ValueTask WaitAsync(CancellationToken token)
    {
        if (Volatile.Read(ref _state) == Ready)
        {
            Volatile.Write(ref _state, Idle);
            return ValueTask.CompletedTask;
        }
        _core.Reset();
        _token = token;
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Ready)
        {
            Volatile.Write(ref _state, Idle);
            return ValueTask.CompletedTask;
        }
        var wait = new ValueTask(this, _core.Version);
        if (token.IsCancellationRequested) CancelIfRequested();
        return wait;
    }

    /// <summary>Called by the epoll loop for each edge.</summary>
    public void Signal()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == Waiting)
            {
                if (Interlocked.CompareExchange(ref _state, Idle, Waiting) != Waiting) continue;
                _core.SetResult(true);
                return;
            }
            // Already ready: the edge merges with the one pending (no write, so no contention with the consumer).
            if (state == Ready || Interlocked.CompareExchange(ref _state, Ready, state) == state) return;
        }
    }

    /// <summary>Fails a parked waiter (the connection is being closed).</summary>
    public void Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting) _core.SetException(error);
    }

    /// <summary>Fails a parked waiter whose token was cancelled. Any thread; the epoll loop scans its connections.</summary>
    public void CancelIfRequested()
    {
        if (Volatile.Read(ref _state) != Waiting) return;
        var token = _token;
        if (token.IsCancellationRequested) Fail(new OperationCanceledException(token));
    }

    public void GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
