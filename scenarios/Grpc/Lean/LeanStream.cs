using System.Threading.Tasks.Sources;
using Grpc.Core;
using LoadLeak.Protos;
using LoadLeak.Scenarios.Grpc.Lean.Hpack;

namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>
/// One call's HTTP/2 stream on a <see cref="Http2Connection"/>: its flow-control state, the response headers,
/// messages and trailers as they arrive, and the awaitable outcome (the bytes of the replies, or an
/// <see cref="RpcException"/>). Whoever settles the outcome first (the read loop, the deadline token, a
/// connection failure) wins; continuations run inline on whichever thread that was.
/// </summary>
internal sealed class LeanStream(Http2Connection connection, bool unary, int maxMessageSize) : IValueTaskSource<long>, IHeaderSink, IGrpcMessageSink
{
    private ManualResetValueTaskSourceCore<long> _completion;
    private GrpcMessageAssembler _messages = new(maxMessageSize);
    private int _settled;
    private long _receivedBytes;
    private int _messageCount;
    private bool _headersDone;
    private int _httpStatus;
    private bool _grpcContentType;
    private StatusCode? _grpcStatus;
    private string? _grpcMessage;
    private long _result;
    private RpcException? _failure;

    private Http2Connection _connection = connection;

    /// <summary>The connection carrying the stream; a transparent retry moves it (see <see cref="PrepareRetry"/>).</summary>
    public Http2Connection Connection
    {
        get => Volatile.Read(ref _connection);
        // A full fence: the adopting connection then reads IsSettled, while a cancelling caller settles, then reads this.
        set => Interlocked.Exchange(ref _connection, value);
    }

    /// <summary>True once the call used its one transparent retry.</summary>
    public bool Retried { get; private set; }

    /// <summary>True once the response headers arrived: from then on the server has processed the call.</summary>
    public bool HeadersReceived => _headersDone;
    public int Id { get; set; }
    public long SendWindow { get; set; }
    public int BodySent { get; set; }
    public bool BodyBlocked { get; set; }
    public int ReceivedSinceUpdate { get; set; }
    public CancellationTokenRegistration Registration { get; set; }
    public bool IsSettled => Volatile.Read(ref _settled) != 0;

    /// <summary>A HEADERS block was decoded into this stream; <paramref name="endStream"/> when it ended the response.</summary>
    public void OnHeadersEnd(bool endStream)
    {
        if (!_headersDone)
        {
            _headersDone = true;
            if (_httpStatus != 200)
                throw new GrpcCallException(GrpcStatusMap.FromHttpStatus(_httpStatus), $"Bad gRPC response. HTTP status code: {_httpStatus}");
            if (!_grpcContentType && _grpcStatus is null)
                throw new GrpcCallException(StatusCode.Internal, "Bad gRPC response. Invalid content-type value.");
        }
        else if (!endStream) throw new GrpcCallException(StatusCode.Internal, "trailers that do not end the stream");
    }

    public void OnData(ReadOnlySpan<byte> data)
    {
        if (!_headersDone) throw new GrpcCallException(StatusCode.Internal, "DATA before the response headers");
        _messages.Feed(data, this);
    }

    /// <summary>The response ended (END_STREAM): settles the outcome from the trailers. False when it was settled already.</summary>
    public bool TrySettleFromTrailers()
    {
        if (_messages.InsideMessage) return TrySettle(StatusCode.Internal, "the response ended inside a message");
        if (_grpcStatus is not { } status) return TrySettle(StatusCode.Internal, "No grpc-status found on response.");
        if (status != StatusCode.OK) return TrySettle(status, _grpcMessage ?? "");
        if (unary && _messageCount != 1)
            return TrySettle(StatusCode.Internal, _messageCount == 0 ? "Failed to deserialize response message."
                : "more than one message in a unary response");
        if (Interlocked.Exchange(ref _settled, 1) != 0) return false;
        _result = _receivedBytes;
        return true;
    }

    /// <summary>Settles the call as failed with <paramref name="status"/>; false when it was settled already.</summary>
    public bool TrySettle(StatusCode status, string detail)
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0) return false;
        _failure = new RpcException(new Status(status, detail));
        return true;
    }

    /// <summary>Wakes the caller; only after a successful TrySettle…, and after the connection let go of the stream.</summary>
    public void Signal()
    {
        if (_failure is { } failure) _completion.SetException(failure);
        else _completion.SetResult(_result);
    }

    /// <summary>
    /// Forgets the attempt the server did not process (GOAWAY above its last stream id, REFUSED_STREAM, or still
    /// queued) so a new connection can carry the call; false when the call used its one retry already.
    /// </summary>
    public bool PrepareRetry()
    {
        if (Retried || _headersDone) return false;
        Retried = true;
        Id = 0;
        SendWindow = 0;
        BodySent = 0;
        BodyBlocked = false;
        ReceivedSinceUpdate = 0;
        _messages.Release();
        _messages = new GrpcMessageAssembler(maxMessageSize);
        _receivedBytes = 0;
        _messageCount = 0;
        _httpStatus = 0;
        _grpcContentType = false;
        _grpcStatus = null;
        _grpcMessage = null;
        return true;
    }

    /// <summary>Returns a half-gathered message's buffer; only the read loop, which alone feeds the stream, calls it.</summary>
    public void ReleaseBuffers() => _messages.Release();

    void IHeaderSink.OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (name.SequenceEqual(":status"u8))
            _httpStatus = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
                ? code : 0;
        else if (name.SequenceEqual("content-type"u8))
            _grpcContentType = value.StartsWith("application/grpc"u8);
        else if (name.SequenceEqual("grpc-status"u8))
            _grpcStatus = GrpcStatusMap.FromGrpcStatus(value);
        else if (name.SequenceEqual("grpc-message"u8))
            _grpcMessage = GrpcStatusMap.DecodeMessage(value);
    }

    void IGrpcMessageSink.OnMessage(ReadOnlySpan<byte> message)
    {
        // Parsed as Grpc.Net.Client would (a malformed reply fails the call), counted as the default path counts it.
        QueryReply reply;
        try
        {
            reply = QueryReply.Parser.ParseFrom(message);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new GrpcCallException(StatusCode.Internal, "Failed to deserialize response message. " + e.Message);
        }
        _receivedBytes += reply.CalculateSize();
        _messageCount++;
    }

    public long GetResult(short token)
    {
        Registration.Unregister();
        return _completion.GetResult(token);
    }

    public ValueTaskSourceStatus GetStatus(short token) => _completion.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);
}
