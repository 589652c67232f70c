using System.Net.Sockets;
using Grpc.Core;
using LoadLeak.Scenarios.Grpc.Lean.Framing;
using LoadLeak.Scenarios.Sockets;

namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>
/// One h2c connection (HTTP/2 over cleartext TCP with prior knowledge, RFC 9113 §3.3) carrying the lean client's
/// calls: opens odd-numbered streams up to the server's SETTINGS_MAX_CONCURRENT_STREAMS and queues the rest,
/// sends each call's constant header block and request message through a coalescing <see cref="FrameOutbox"/>
/// within the server's flow-control windows, and reads responses on one loop (Http2Connection.Reading.cs).
/// Any connection-level failure fails every call on it with Unavailable; the owning slot then opens a new one.
/// </summary>
internal sealed partial class Http2Connection : IDisposable
{
    // Our receive windows, far above what a call needs, so the server never waits for a WINDOW_UPDATE; we
    // return consumed bytes in batches once half a window is used.
    internal const int OurStreamWindow = 8 * 1024 * 1024;
    private const int OurConnectionWindow = 32 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly LeanCallShape _shape;
    private readonly Action<LeanStream> _retry;
    private readonly Lock _sync = new();
    private readonly FrameOutbox _outbox;
    private readonly PeerSettings _peer = new();
    private readonly Dictionary<int, LeanStream> _streams = [];
    private readonly Queue<LeanStream> _waiting = new();
    private readonly List<LeanStream> _blocked = [];
    private readonly TaskCompletionSource _settingsReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextStreamId = 1;
    private int _lastStreamId;
    private long _sendWindow = PeerSettings.DefaultWindowSize;
    private bool _draining;
    private bool _closed;

    private Http2Connection(Socket socket, LeanCallShape shape, Action<LeanStream> retry)
    {
        _socket = socket;
        _shape = shape;
        _retry = retry;
        _outbox = new FrameOutbox(socket, _sync);
    }

    /// <summary>The calls this connection carries: whose caller it belongs to.</summary>
    public LeanCallShape Shape => _shape;

    /// <summary>Streams open now; read without the lock, as a hint only.</summary>
    public int OpenStreams => _streams.Count;

    /// <summary>False once the connection failed, was closed, or the server sent GOAWAY: new calls need another one.</summary>
    public bool AcceptsStreams
    {
        get { lock (_sync) return !_closed && !_draining; }
    }

    public bool IsClosed
    {
        get { lock (_sync) return _closed; }
    }

    /// <summary>
    /// Connects, sends the preface and our SETTINGS, and returns once the server's SETTINGS arrived.
    /// <paramref name="retry"/> takes the calls the server did not process, to carry them on another connection.
    /// </summary>
    public static async Task<Http2Connection> ConnectAsync(LeanCallShape shape, Action<LeanStream> retry)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (shape.InlineCompletions) InlineCompletionConnector.TryPreferInline(socket);
        using var timeout = new CancellationTokenSource(shape.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(shape.Endpoint, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Not the call's deadline: a connect that timed out is Unavailable, as with Grpc.Net.Client.
            socket.Dispose();
            throw new TimeoutException($"connecting to {shape.Endpoint.Host}:{shape.Endpoint.Port} timed out after " +
                $"{shape.ConnectTimeout.TotalSeconds:0} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = new Http2Connection(socket, shape, retry);
        connection.Start();
        try
        {
            await connection._settingsReceived.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            connection.Abort("the server sent no SETTINGS within the connect timeout");
            throw new IOException($"{shape.Endpoint.Host}:{shape.Endpoint.Port} sent no HTTP/2 SETTINGS within " +
                $"{shape.ConnectTimeout.TotalSeconds:0} s");
        }
        return connection;
    }

    private void Start()
    {
        lock (_sync)
        {
            _outbox.Append("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8);
            Span<byte> settings = stackalloc byte[12];
            WriteSetting(settings, 0x2, 0); // no server push
            WriteSetting(settings[6..], 0x4, OurStreamWindow);
            _outbox.AppendFrame(FrameType.Settings, 0, 0, settings);
            AppendWindowUpdateLocked(0, OurConnectionWindow - PeerSettings.DefaultWindowSize);
            if (!_outbox.ClaimSend()) throw new InvalidOperationException("a new connection's outbox is busy");
        }
        Flush();
        _ = ReadLoopAsync();
    }

    /// <summary>Starts a call (or queues it for a free stream slot); false when the connection takes no new streams.</summary>
    public bool TryCall(CancellationToken token, out ValueTask<long> call)
    {
        var stream = new LeanStream(this, _shape.Unary, _shape.MaxReceiveMessageSize);
        bool flush;
        lock (_sync)
        {
            if (_closed || _draining)
            {
                call = default;
                return false;
            }
            if (_streams.Count >= _peer.MaxConcurrentStreams) _waiting.Enqueue(stream);
            else StartLocked(stream);
            flush = !SendBatch.IsOpen && _outbox.ClaimSend();
        }
        SendSoon(flush);
        if (token.CanBeCanceled)
            stream.Registration = token.UnsafeRegister(static state => Cancel((LeanStream)state!), stream);
        call = new ValueTask<long>(stream, 0);
        return true;
    }

    /// <summary>The call's token fired: Cancelled, and RST_STREAM(CANCEL) tells the server to stop.</summary>
    private static void Cancel(LeanStream stream)
    {
        if (!stream.TrySettle(StatusCode.Cancelled, "Call canceled by the client.")) return;
        // Read after settling: a connection adopting the stream meanwhile either sees it settled or is read here.
        stream.Connection.Release(stream, Http2ErrorCode.Cancel);
        stream.Signal();
    }

    /// <summary>Lets go of a settled stream: frees its slot for a waiting call, resets it on the wire if asked.</summary>
    private void Release(LeanStream stream, Http2ErrorCode? reset)
    {
        bool flush, drained;
        lock (_sync)
        {
            // By id and identity: a stream that moved to another connection may carry an id in use here (one lookup
            // on the hot path; the rare other stream is put back).
            if (stream.Id != 0 && _streams.Remove(stream.Id, out var held) && (held == stream || !_streams.TryAdd(held.Id, held)))
            {
                if (reset is { } code && !_closed) AppendResetLocked(stream.Id, code);
                if (stream.BodyBlocked) _blocked.Remove(stream);
                stream.BodyBlocked = false;
                StartWaitingLocked();
            }
            flush = !SendBatch.IsOpen && _outbox.ClaimSend();
            drained = _draining && !_closed && _streams.Count == 0 && _waiting.All(waiting => waiting.IsSettled);
        }
        SendSoon(flush);
        if (drained) Abort("the connection drained after GOAWAY");
    }

    /// <summary>Closes the connection; every call still on it fails with Unavailable.</summary>
    public void Abort(string reason, Http2ErrorCode? goAway = null)
    {
        List<LeanStream> victims;
        lock (_sync)
        {
            if (_closed) return;
            _closed = true;
            victims = [.. _streams.Values, .. _waiting];
            _streams.Clear();
            _waiting.Clear();
            _blocked.Clear();
        }
        if (goAway is { } code) TrySendGoAway(code);
        _socket.Dispose();
        _settingsReceived.TrySetException(new IOException(reason));
        foreach (var stream in victims)
            if (stream.TrySettle(StatusCode.Unavailable, reason)) stream.Signal();
    }

    public void Dispose() => Abort("the client closed the connection");
}
