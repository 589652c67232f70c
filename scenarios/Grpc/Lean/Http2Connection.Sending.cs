using System.Buffers.Binary;
using System.Net.Sockets;
using LoadLeak.Scenarios.Grpc.Lean.Framing;

namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>The connection's write side: streams opened, request bodies sent within the windows, frames flushed.</summary>
internal sealed partial class Http2Connection
{
    private void StartLocked(LeanStream stream)
    {
        stream.Id = (int)_nextStreamId;
        _lastStreamId = stream.Id;
        _nextStreamId += 2;
        // Stream ids are 31 bits and never reused: an exhausted connection drains and the slot replaces it.
        if (_nextStreamId > int.MaxValue) _draining = true;
        stream.SendWindow = _peer.InitialWindowSize;
        _streams.Add(stream.Id, stream);
        ReadOnlySpan<byte> block = _shape.HeaderBlock;
        var type = FrameType.Headers;
        do
        {
            var size = Math.Min(block.Length, _peer.MaxFrameSize);
            _outbox.AppendFrame(type, size == block.Length ? FrameFlags.EndHeaders : (byte)0, stream.Id, block[..size]);
            block = block[size..];
            type = FrameType.Continuation;
        }
        while (block.Length > 0);
        SendBodyLocked(stream);
    }

    /// <summary>Sends as much of the request message as the connection's and the stream's send windows allow.</summary>
    private void SendBodyLocked(LeanStream stream)
    {
        var body = _shape.RequestFrame;
        while (stream.BodySent < body.Length)
        {
            var chunk = (int)Math.Min(Math.Min(body.Length - stream.BodySent, _peer.MaxFrameSize), Math.Min(_sendWindow, stream.SendWindow));
            if (chunk <= 0)
            {
                if (!stream.BodyBlocked) _blocked.Add(stream);
                stream.BodyBlocked = true;
                return;
            }
            var last = stream.BodySent + chunk == body.Length;
            _outbox.AppendFrame(FrameType.Data, last ? FrameFlags.EndStream : (byte)0, stream.Id, body.AsSpan(stream.BodySent, chunk));
            stream.BodySent += chunk;
            stream.SendWindow -= chunk;
            _sendWindow -= chunk;
        }
        if (stream.BodyBlocked) _blocked.Remove(stream);
        stream.BodyBlocked = false;
    }

    private void ResumeBlockedLocked()
    {
        for (var i = _blocked.Count - 1; i >= 0 && _sendWindow > 0; i--) SendBodyLocked(_blocked[i]);
    }

    private void StartWaitingLocked()
    {
        while (_waiting.Count > 0 && _streams.Count < _peer.MaxConcurrentStreams && !_draining && !_closed)
        {
            var next = _waiting.Dequeue();
            if (!next.IsSettled) StartLocked(next);
        }
    }

    private void TrySendGoAway(Http2ErrorCode code)
    {
        Span<byte> frame = stackalloc byte[FrameHeader.Size + 8];
        FrameHeader.Write(frame, 8, FrameType.GoAway, 0, 0);
        BinaryPrimitives.WriteUInt32BigEndian(frame[9..], 0); // we accept no server-initiated streams
        BinaryPrimitives.WriteUInt32BigEndian(frame[13..], (uint)code);
        try { _socket.Send(frame, SocketFlags.None); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* best effort: the connection is going anyway */ }
    }

    /// <summary>Sends now if the caller claimed the send, or when the thread's <see cref="SendBatch"/> closes.</summary>
    private void SendSoon(bool claimed)
    {
        if (claimed) Flush();
        else if (SendBatch.IsOpen) SendBatch.Defer(this);
    }

    /// <summary>A <see cref="SendBatch"/> closed: send what the batch appended, unless a send is under way (it takes it along).</summary>
    public void FlushDeferred()
    {
        bool claimed;
        lock (_sync) claimed = _outbox.ClaimSend();
        if (claimed) Flush();
    }

    private void Flush()
    {
        var flushing = _outbox.FlushAsync();
        if (!flushing.IsCompletedSuccessfully) _ = AwaitFlushAsync(flushing);
    }

    private async Task AwaitFlushAsync(ValueTask flushing)
    {
        try
        {
            await flushing.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Abort($"sending to the server failed: {e.Message}");
        }
    }

    private void AppendResetLocked(int streamId, Http2ErrorCode code)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)code);
        _outbox.AppendFrame(FrameType.RstStream, 0, streamId, payload);
    }

    private void AppendWindowUpdateLocked(int streamId, int increment)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)increment);
        _outbox.AppendFrame(FrameType.WindowUpdate, 0, streamId, payload);
    }

    private static void WriteSetting(Span<byte> destination, ushort id, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], value);
    }
}
