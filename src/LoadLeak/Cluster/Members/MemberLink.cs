using System.Threading.Channels;
using LoadLeak.Cluster.Nats;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Cluster.Timing;
using LoadLeak.Results;
using NATS.Client.Core;

namespace LoadLeak.Cluster.Members;

/// <summary>
/// An agent's or probe's side of the cluster: announces itself until assigned, answers clock pings and
/// heartbeats at once, hands other requests and broadcasts to its owner, streams numbered messages through a
/// queue (the load never waits for NATS) and sends them again on request. <see cref="CoordinatorGone"/> fires
/// when heartbeats stop for <see cref="CoordinatorSilence"/> while NATS is up, counted from the last reconnect
/// (or for <see cref="OutageLimit"/> while it is down).
/// </summary>
internal sealed class MemberLink : IAsyncDisposable
{
    public static readonly TimeSpan CoordinatorSilence = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan OutageLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HelloEvery = TimeSpan.FromSeconds(1);

    private readonly NatsConnection _nats;
    private readonly Func<ClusterMessage> _hello;
    private readonly Func<ClusterMessage, CancellationToken, Task<ClusterMessage?>> _onRequest;
    private readonly Action<ClusterMessage> _onBroadcast;
    private readonly StreamLog _log = new(50_000);
    private readonly Channel<(string Subject, byte[] Data)> _outbox = Channel.CreateUnbounded<(string, byte[])>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _gone = new();
    private readonly List<Task> _loops = [];
    private readonly OutageWatch _outage = new(CoordinatorSilence);
    private long _lastHeardNs;

    private MemberLink(NatsConnection nats, string clusterId, string id, Func<ClusterMessage> hello,
        Func<ClusterMessage, CancellationToken, Task<ClusterMessage?>> onRequest, Action<ClusterMessage> onBroadcast)
    {
        _nats = nats;
        Id = id;
        Subjects = new ClusterSubjects(clusterId);
        Gate = new MessageGate(clusterId);
        _hello = hello;
        _onRequest = onRequest;
        _onBroadcast = onBroadcast;
    }

    public string Id { get; }
    public ClusterSubjects Subjects { get; }
    public MessageGate Gate { get; }
    public MemberState State { get; set; } = MemberState.Joining;
    public long LastSeq => _log.LastSeq;
    public CancellationToken CoordinatorGone => _gone.Token;

    /// <param name="onRequest">Answers assignments and GC requests (may take seconds; runs off the receive loop).</param>
    /// <param name="onBroadcast">Takes start and stop.</param>
    public static async Task<MemberLink> JoinAsync(NatsEndpoint endpoint, string clusterId, string id, Func<ClusterMessage> hello,
        Func<ClusterMessage, CancellationToken, Task<ClusterMessage?>> onRequest, Action<ClusterMessage> onBroadcast, CancellationToken ct)
    {
        MemberLink? link = null;
        // After a reconnect the coordinator gets a full silence period to be heard again (OutageWatch's grace).
        var nats = await ClusterConnection.OpenAsync(endpoint, $"loadleak-{id}", _ => { },
            () => link?._outage.Reconnected(MonotonicClock.NowNs), ct).ConfigureAwait(false);
        link = new MemberLink(nats, clusterId, id, hello, onRequest, onBroadcast);
        await link.StartAsync().ConfigureAwait(false);
        return link;
    }

    private async Task StartAsync()
    {
        var own = _nats.SubscribeCoreAsync<byte[]>(Subjects.Member(Id), cancellationToken: _stop.Token);
        var broadcast = _nats.SubscribeCoreAsync<byte[]>(Subjects.Broadcast, cancellationToken: _stop.Token);
        var ownSub = await own.ConfigureAwait(false);
        var broadcastSub = await broadcast.ConfigureAwait(false);
        _loops.Add(ReceiveAsync(ownSub));
        _loops.Add(ReceiveAsync(broadcastSub));
        _loops.Add(PublishLoopAsync());
        _loops.Add(HelloLoopAsync());
        _loops.Add(WatchCoordinatorAsync());
    }

    public ClusterMessage Stamp(ClusterMessage message) => message with { ClusterId = Gate.ClusterId, From = Id };

    public long NextSeq() => _log.Next();

    /// <summary>Queues a numbered message for the coordinator; kept for resends.</summary>
    public void Stream(string subject, long seq, ClusterMessage message)
    {
        var data = ClusterCodec.Encode(Stamp(message));
        _log.Keep(seq, subject, data);
        _outbox.Writer.TryWrite((subject, data));
    }

    /// <summary>Queues an unnumbered message (hello, events that may be lost).</summary>
    public void Send(string subject, ClusterMessage message) => _outbox.Writer.TryWrite((subject, ClusterCodec.Encode(Stamp(message))));

    /// <summary>Waits until everything queued so far has been handed to NATS (bounded).</summary>
    public async Task FlushAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (_outbox.Reader.Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(10).ConfigureAwait(false);
        try
        {
            var left = deadline - DateTime.UtcNow;
            using var timeout = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            await _nats.PingAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException)
        {
        }
    }

    private async Task ReceiveAsync(INatsSub<byte[]> subscription)
    {
        try
        {
            await foreach (var msg in subscription.Msgs.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var receivedNs = MonotonicClock.NowNs;
                if (!Gate.TryAccept(msg.Data ?? [], out var message)) continue;
                switch (message)
                {
                    case ClockPing ping:
                        Heard(receivedNs);
                        await ReplyAsync(msg, new ClockPong(ping.CoordinatorNs, receivedNs)).ConfigureAwait(false);
                        break;
                    case Heartbeat beat:
                        Heard(receivedNs);
                        await ReplyAsync(msg, new HeartbeatReply(beat.Seq, beat.CoordinatorNs, receivedNs, State, LastSeq)).ConfigureAwait(false);
                        break;
                    case ResendRequest resend:
                        Resend(resend.Seqs);
                        break;
                    case StartRun or StopRun:
                        Heard(receivedNs);
                        _onBroadcast(message);
                        break;
                    case Assignment or ProbeAssignment or ProbeGcRequest or ProbeSnapshotRequest or ProbeSnapshotFinish:
                        Heard(receivedNs);
                        _ = AnswerAsync(msg, message);
                        break;
                    default:
                        Gate.CountUnexpected();
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Heard(long ns) => Interlocked.Exchange(ref _lastHeardNs, ns);

    private async Task AnswerAsync(NatsMsg<byte[]> msg, ClusterMessage request)
    {
        ClusterMessage? reply;
        try
        {
            reply = await _onRequest(request, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (reply is not null) await ReplyAsync(msg, reply).ConfigureAwait(false);
    }

    private async Task ReplyAsync(NatsMsg<byte[]> msg, ClusterMessage reply)
    {
        if (msg.ReplyTo is null) return;
        try
        {
            await msg.ReplyAsync(ClusterCodec.Encode(Stamp(reply)), cancellationToken: _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException)
        {
            // The coordinator asks again (heartbeats) or times out (requests).
        }
    }

    private void Resend(IReadOnlyList<long> seqs)
    {
        foreach (var seq in seqs.Take(5_000))
        {
            if (_log.Get(seq) is { } sent) _outbox.Writer.TryWrite(sent);
        }
    }

    private async Task PublishLoopAsync()
    {
        try
        {
            await foreach (var (subject, data) in _outbox.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await _nats.PublishAsync(subject, data, cancellationToken: _stop.Token).ConfigureAwait(false);
                }
                catch (NatsException)
                {
                    // Lost on the way; numbered messages are asked for again.
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task HelloLoopAsync()
    {
        try
        {
            while (State == MemberState.Joining && !_stop.IsCancellationRequested)
            {
                Send(Subjects.Hello, _hello());
                await Task.Delay(HelloEvery, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WatchCoordinatorAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(100, _stop.Token).ConfigureAwait(false);
                var heard = Interlocked.Read(ref _lastHeardNs);
                if (heard == 0) continue;
                var now = MonotonicClock.NowNs;
                var silence = TimeSpan.FromTicks((now - heard) / 100);
                var open = _nats.ConnectionState == NatsConnectionState.Open;
                // After a reconnect the coordinator needs time to reconnect too: the silence counts after the grace.
                var counts = _outage.SilenceCounts(now, open, _nats.ServerInfo);
                if (silence <= (open ? CoordinatorSilence : OutageLimit) || (open && !counts)) continue;
                await _gone.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _outbox.Writer.TryComplete();
        try { await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); }
        catch (TimeoutException) { }
        await _nats.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _gone.Dispose();
    }
}
