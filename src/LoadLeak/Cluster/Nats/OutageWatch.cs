namespace LoadLeak.Cluster.Nats;

/// <summary>
/// Says whether NATS has been up long enough that a member's silence means the member is gone. A reconnect starts a
/// grace period; it is recognised by whichever comes first: the client's reconnect event, the monitor seeing the
/// state go from not-open to open, or a new server greeting (INFO). The last is needed because the event is
/// raised asynchronously and a heartbeat round blocked on the dead connection can span the whole outage, so the
/// monitor may never see the state anything but open. Thread-safe for <see cref="Reconnected"/>; one caller for
/// <see cref="SilenceCounts"/>.
/// </summary>
internal sealed class OutageWatch(TimeSpan grace)
{
    private long _reconnectedNs = long.MinValue;
    private bool _wasOpen = true;
    private object? _server;

    public long ReconnectedNs => Interlocked.Read(ref _reconnectedNs);

    /// <summary>The client reported a reconnect at <paramref name="nowNs"/>.</summary>
    public void Reconnected(long nowNs)
    {
        var seen = Interlocked.Read(ref _reconnectedNs);
        while (nowNs > seen)
        {
            var previous = Interlocked.CompareExchange(ref _reconnectedNs, nowNs, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    /// <param name="server">The connection's current server greeting; a different instance means a new connection.</param>
    public bool SilenceCounts(long nowNs, bool open, object? server)
    {
        if (open && (!_wasOpen || (_server is not null && server is not null && !ReferenceEquals(server, _server))))
            Reconnected(nowNs);
        _wasOpen = open;
        if (open && server is not null) _server = server;
        var reconnected = ReconnectedNs;
        return open && (reconnected == long.MinValue || nowNs - reconnected >= grace.Ticks * 100);
    }
}
