using System.Buffers.Binary;
using Grpc.Core;
using LoadLeak.Scenarios.Grpc.Lean.Framing;

namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>The connection-level frames: SETTINGS, PING, GOAWAY, WINDOW_UPDATE.</summary>
internal sealed partial class Http2Connection
{
    private void OnSettings(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId != 0) throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "SETTINGS on a stream");
        if (header.Has(FrameFlags.Ack))
        {
            if (payload.Length != 0) throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "SETTINGS ACK with a payload");
            return;
        }
        lock (_sync)
        {
            var windowChange = _peer.Apply(payload);
            foreach (var stream in _streams.Values)
                if ((stream.SendWindow += windowChange) > int.MaxValue)
                    throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "SETTINGS_INITIAL_WINDOW_SIZE overflowed a stream's window");
            _outbox.AppendFrame(FrameType.Settings, FrameFlags.Ack, 0, []);
            ResumeBlockedLocked();
            StartWaitingLocked();
        }
        _settingsReceived.TrySetResult();
    }

    private void OnPing(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId != 0) throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "PING on a stream");
        if (payload.Length != 8) throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"PING of {payload.Length} bytes");
        if (header.Has(FrameFlags.Ack)) return;
        lock (_sync) _outbox.AppendFrame(FrameType.Ping, FrameFlags.Ack, 0, payload);
    }

    private void OnWindowUpdate(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (payload.Length != 4) throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"WINDOW_UPDATE of {payload.Length} bytes");
        var increment = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7fff_ffff);
        if (increment == 0 && header.StreamId == 0) throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "WINDOW_UPDATE of 0");
        LeanStream? invalid = null;
        lock (_sync)
        {
            if (header.StreamId == 0)
            {
                if ((_sendWindow += increment) > int.MaxValue)
                    throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "the connection's send window overflowed");
            }
            else if (_streams.TryGetValue(header.StreamId, out var stream))
            {
                if (increment == 0 || (stream.SendWindow += increment) > int.MaxValue) invalid = stream;
            }
            ResumeBlockedLocked();
        }
        if (invalid is not null)
            Fail(invalid, new GrpcCallException(StatusCode.Internal, "the server broke flow control on the stream"), Http2ErrorCode.FlowControlError);
    }

    /// <summary>
    /// The server is closing: calls above its last stream id never reached its application, so they and the calls
    /// still queued here move to a new connection (once per call, else they fail with Unavailable); calls at or
    /// below it finish normally; new calls go to a new connection; this one closes once drained.
    /// </summary>
    private void OnGoAway(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.StreamId != 0) throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "GOAWAY on a stream");
        if (payload.Length < 8) throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"GOAWAY of {payload.Length} bytes");
        var lastStreamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7fff_ffff);
        var code = (Http2ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
        List<LeanStream> unprocessed;
        bool drained;
        lock (_sync)
        {
            _draining = true;
            unprocessed = [.. _streams.Values.Where(stream => stream.Id > lastStreamId).OrderBy(stream => stream.Id), .. _waiting];
            foreach (var stream in unprocessed)
            {
                if (stream.Id != 0) _streams.Remove(stream.Id);
                if (stream.BodyBlocked) _blocked.Remove(stream);
            }
            _waiting.Clear();
            drained = _streams.Count == 0;
        }
        var reason = $"the server is going away (GOAWAY {code}) and did not process the call";
        foreach (var stream in unprocessed)
            if (!TryRetry(stream) && stream.TrySettle(StatusCode.Unavailable, reason)) stream.Signal();
        if (drained) Abort($"the server sent GOAWAY ({code})");
    }
}
