using System.Threading.Tasks.Sources;

namespace LoadLeak.Scenarios.Http.Raw.Epoll;

/// <summary>
/// A connection's "readable" edge from the epoll loop (edge-triggered: one per arrival of new data), awaitable
/// without allocating. An edge that comes while nobody waits is remembered, so the next wait returns at once; a
/// wait can be cancelled (the request's timeout). States: idle, waiting (a waiter is parked), readable (an edge
/// came and nobody consumed it yet).
/// </summary>
internal sealed class ReadinessSignal : IValueTaskSource
{
    private const int Idle = 0, Waiting = 1, Readable = 2;

    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _registration;
    private int _state;

    public ReadinessSignal(bool runContinuationsAsynchronously) =>
        _core.RunContinuationsAsynchronously = runContinuationsAsynchronously;

    /// <summary>Completes when an edge came since the last wait returned (at once if one already did).</summary>
    public ValueTask WaitAsync(CancellationToken token)
    {
        if (Volatile.Read(ref _state) == Readable)
        {
            Volatile.Write(ref _state, Idle);
            return ValueTask.CompletedTask;
        }
        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Readable)
        {
            Volatile.Write(ref _state, Idle);
            return ValueTask.CompletedTask;
        }
        if (token.CanBeCanceled)
            _registration = token.UnsafeRegister(static (state, t) => ((ReadinessSignal)state!).Cancel(t), this);
        return new ValueTask(this, _core.Version);
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
            if (Interlocked.CompareExchange(ref _state, Readable, state) == state) return;
        }
    }

    /// <summary>Fails a parked waiter (the connection is being closed).</summary>
    public void Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting) _core.SetException(error);
    }

    private void Cancel(CancellationToken token) => Fail(new OperationCanceledException(token));

    public void GetResult(short token)
    {
        _registration.Unregister();
        _registration = default;
        _core.GetResult(token);
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
