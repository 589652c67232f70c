using System.Buffers.Binary;
using System.Net.Sockets;
using Grpc.Core;
using LoadLeak.Scenarios.Grpc.Lean.Framing;
using LoadLeak.Scenarios.Grpc.Lean.Hpack;

namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>The connection's read loop: frames in, dispatched to the streams they belong to.</summary>
internal sealed partial class Http2Connection
{
    private const int MaxHeaderBlock = 1024 * 1024;

    private readonly FrameBuffer _in = new(PeerSettings.MinFrameSize); // we never raise our SETTINGS_MAX_FRAME_SIZE
    private readonly HpackDecoder _decoder = new();
    private int _receivedSinceUpdate;
    private byte[] _headerBlock = [];
    private int _headerBlockLength;
    private int _continuationStream;
    private bool _continuationEndsStream;

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(_in.Free, SocketFlags.None).ConfigureAwait(false);
                if (read == 0) throw new IOException("the server closed the connection");
                _in.Advance(read);
                DispatchReceived();
            }
        }
        catch (Http2ConnectionException e)
        {
            Abort($"HTTP/2 protocol error from the server ({e.Code}): {e.Message}", e.Code);
        }
        catch (HpackException e)
        {
            Abort($"HPACK error from the server: {e.Message}", Http2ErrorCode.CompressionError);
        }
        catch (Exception e)
        {
            Abort($"connection to the server lost: {e.Message}");
        }
    }

    /// <summary>
    /// Handles one read's frames with the outbox corked and a <see cref="SendBatch"/> open, so everything they cause,
    /// on this connection and the others, leaves in one send per connection.
    /// </summary>
    private void DispatchReceived()
    {
        SendBatch.Open();
        lock (_sync) _outbox.Cork();
        try
        {
            while (_in.TryRead(out var header, out var payload)) Dispatch(header, payload);
        }
        finally
        {
            lock (_sync) _outbox.Uncork();
            SendBatch.Defer(this);
            SendBatch.Close();
        }
    }

    private void Dispatch(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (_continuationStream != 0 && header.Type != FrameType.Continuation)
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"{header.Type} frame inside a header block of stream " +
                $"{_continuationStream}");
        switch (header.Type)
        {
            case FrameType.Data: OnData(header, payload); break;
            case FrameType.Headers: OnHeaders(header, payload); break;
            case FrameType.Continuation: OnContinuation(header, payload); break;
            case FrameType.RstStream: OnReset(header, payload); break;
            case FrameType.Settings: OnSettings(header, payload); break;
            case FrameType.Ping: OnPing(header, payload); break;
            case FrameType.GoAway: OnGoAway(header, payload); break;
            case FrameType.WindowUpdate: OnWindowUpdate(header, payload); break;
            case FrameType.PushPromise: throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "PUSH_PROMISE although we disabled push");
            default: break; // PRIORITY and unknown frame types carry nothing for us (§5.5)
        }
    }

    private void OnData(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        RequireStream(header);
        var data = Unpad(header, payload);
        if ((_receivedSinceUpdate += header.Length) >= OurConnectionWindow / 2)
        {
            lock (_sync) AppendWindowUpdateLocked(0, _receivedSinceUpdate);
            _receivedSinceUpdate = 0;
        }
        if (Find(header.StreamId) is not { } stream) return;
        try
        {
            stream.OnData(data);
            if (header.Has(FrameFlags.EndStream)) Finish(stream);
            else if ((stream.ReceivedSinceUpdate += header.Length) >= OurStreamWindow / 2)
            {
                lock (_sync)
                    if (_streams.ContainsKey(stream.Id)) AppendWindowUpdateLocked(stream.Id, stream.ReceivedSinceUpdate);
                stream.ReceivedSinceUpdate = 0;
            }
        }
        catch (GrpcCallException e)
        {
            Fail(stream, e, header.Has(FrameFlags.EndStream) ? null : Http2ErrorCode.Cancel);
        }
    }

    private void OnHeaders(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        RequireStream(header);
        var block = Unpad(header, payload);
        if (header.Has(FrameFlags.Priority))
        {
            if (block.Length < 5) throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "HEADERS too short for its priority fields");
            block = block[5..];
        }
        var stream = Find(header.StreamId);
        if (header.Has(FrameFlags.EndHeaders))
        {
            Decode(stream, block, header.Has(FrameFlags.EndStream));
            return;
        }
        _continuationStream = header.StreamId;
        _continuationEndsStream = header.Has(FrameFlags.EndStream);
        _headerBlockLength = 0;
        AppendHeaderFragment(block);
    }

    private void OnContinuation(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId != _continuationStream || _continuationStream == 0)
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"CONTINUATION on stream {header.StreamId} without its HEADERS");
        AppendHeaderFragment(payload);
        if (!header.Has(FrameFlags.EndHeaders)) return;
        _continuationStream = 0;
        Decode(Find(header.StreamId), _headerBlock.AsSpan(0, _headerBlockLength), _continuationEndsStream);
    }

    private void AppendHeaderFragment(ReadOnlySpan<byte> fragment)
    {
        if (_headerBlockLength + fragment.Length > MaxHeaderBlock)
            throw new Http2ConnectionException(Http2ErrorCode.EnhanceYourCalm, $"a header block above {MaxHeaderBlock} bytes");
        if (_headerBlockLength + fragment.Length > _headerBlock.Length)
            Array.Resize(ref _headerBlock, Math.Max(_headerBlockLength + fragment.Length, 2 * _headerBlock.Length));
        fragment.CopyTo(_headerBlock.AsSpan(_headerBlockLength));
        _headerBlockLength += fragment.Length;
    }

    /// <summary>Every block goes through the decoder, also for streams we let go of, to keep its table in step.</summary>
    private void Decode(LeanStream? stream, ReadOnlySpan<byte> block, bool endStream)
    {
        _decoder.Decode(block, stream ?? (IHeaderSink)DiscardingHeaderSink.Instance);
        if (stream is null) return;
        try
        {
            stream.OnHeadersEnd(endStream);
            if (endStream) Finish(stream);
        }
        catch (GrpcCallException e)
        {
            Fail(stream, e, endStream ? null : Http2ErrorCode.Cancel);
        }
    }

    private void OnReset(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        RequireStream(header);
        if (payload.Length != 4) throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"RST_STREAM of {payload.Length} bytes");
        if (Find(header.StreamId) is not { } stream) return;
        var code = (Http2ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(payload);
        // REFUSED_STREAM guarantees the server did not process the call (RFC 9113 §8.7); SocketsHttpHandler, under
        // Grpc.Net.Client, retries such a request before its response headers, and so do we, once per call.
        if (code == Http2ErrorCode.RefusedStream && !stream.HeadersReceived && Detach(stream) && TryRetry(stream)) return;
        Fail(stream, new GrpcCallException(GrpcStatusMap.FromReset(code), $"the server reset the stream (HTTP/2 RST_STREAM {code})"), reset: null);
    }

    private void Finish(LeanStream stream)
    {
        if (!stream.TrySettleFromTrailers()) return;
        // A response may end before the request did (e.g. an early error): the rest of the request is not wanted.
        Release(stream, stream.BodySent < _shape.RequestFrame.Length ? Http2ErrorCode.NoError : null);
        stream.Signal();
    }

    private void Fail(LeanStream stream, GrpcCallException failure, Http2ErrorCode? reset)
    {
        stream.ReleaseBuffers();
        if (!stream.TrySettle(failure.Status, failure.Message)) return;
        Release(stream, reset);
        stream.Signal();
    }

    /// <summary>The open stream with this id; null for one we already let go of; a frame on a stream never opened is a connection error.</summary>
    private LeanStream? Find(int streamId)
    {
        lock (_sync)
        {
            if (_streams.TryGetValue(streamId, out var stream)) return stream;
            if (streamId > _lastStreamId || streamId % 2 == 0)
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"a frame on stream {streamId}, which the client never opened");
            return null;
        }
    }

    private static void RequireStream(FrameHeader header)
    {
        if (header.StreamId == 0) throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"{header.Type} on stream 0");
    }

    private static ReadOnlySpan<byte> Unpad(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (!header.Has(FrameFlags.Padded)) return payload;
        if (payload.Length == 0 || payload[0] >= payload.Length)
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"{header.Type} padding longer than the frame");
        return payload[1..^payload[0]];
    }
}
