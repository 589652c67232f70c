namespace LoadLeak.Scenarios.Http.Raw.Epoll;

/// <summary>
/// One connection's two edge streams from the <see cref="EpollLoop"/>, kept apart: a send that waits for room in a
/// full buffer must not consume the edge that says a response arrived (the receive after it would then wait for an
/// edge that never comes), nor a receive consume a writability edge. Errors and hang-ups wake both sides, since
/// either call then fails at once and says why.
/// </summary>
internal sealed class SocketReadiness(bool runContinuationsAsynchronously)
{
    private const uint ReadableEvents = EpollNative.EPOLLIN | EpollNative.EPOLLRDHUP | EpollNative.EPOLLHUP | EpollNative.EPOLLERR;
    private const uint WritableEvents = EpollNative.EPOLLOUT | EpollNative.EPOLLHUP | EpollNative.EPOLLERR;

    /// <summary>The id of this connection's current registration with its <see cref="EpollLoop"/> (set by the loop).</summary>
    public ulong LoopId { get; set; }

    /// <summary>Data arrived, the peer closed, or the socket failed.</summary>
    public ReadinessSignal Readable { get; } = new(runContinuationsAsynchronously);

    /// <summary>The connect finished (or failed), or room opened in the send buffer after a send found it full.</summary>
    public ReadinessSignal Writable { get; } = new(runContinuationsAsynchronously);

    /// <summary>Called by the epoll loop with one event's bits.</summary>
    public void Dispatch(uint events)
    {
        if ((events & ReadableEvents) != 0) Readable.Signal();
        if ((events & WritableEvents) != 0) Writable.Signal();
    }

    /// <summary>Fails a wait on either side whose token was cancelled (the loop's scan).</summary>
    public void CancelIfRequested()
    {
        Readable.CancelIfRequested();
        Writable.CancelIfRequested();
    }

    /// <summary>Fails whoever waits on either side (the connection is being closed).</summary>
    public void Fail(Exception error)
    {
        Readable.Fail(error);
        Writable.Fail(error);
    }
}
