using System.Net.Sockets;

namespace LoadLeak.Scenarios.Grpc.Lean.Framing;

/// <summary>
/// Frames waiting to go out on one connection, coalesced into as few sends as possible: writers append under
/// the connection's lock; whoever finds no send in progress (and the outbox not corked) becomes the sender and
/// sends until nothing is left, swapping two buffers so others keep appending meanwhile. The read loop corks the
/// outbox while it dispatches one read's frames, so the calls those frames complete (and the calls their callers
/// start next) leave in one send. Every method but <see cref="FlushAsync"/> is called under the lock.
/// </summary>
internal sealed class FrameOutbox(Socket socket, Lock sync)
{
    private byte[] _pending = new byte[16 * 1024];
    private byte[] _sending = new byte[16 * 1024];
    private int _length;
    private bool _sendInProgress;
    private int _corks;

    public int PendingBytes => _length;

    /// <summary>Room for <paramref name="size"/> more bytes, counted as written.</summary>
    public Span<byte> Append(int size)
    {
        if (_length + size > _pending.Length)
            Array.Resize(ref _pending, Math.Max(_length + size, _pending.Length * 2));
        var span = _pending.AsSpan(_length, size);
        _length += size;
        return span;
    }

    public void Append(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Append(bytes.Length));

    public void AppendFrame(FrameType type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        var span = Append(FrameHeader.Size + payload.Length);
        FrameHeader.Write(span, payload.Length, type, flags, streamId);
        payload.CopyTo(span[FrameHeader.Size..]);
    }

    public void Cork() => _corks++;

    /// <summary>Ends a cork; the corker then claims the send (<see cref="ClaimSend"/>) to flush what piled up.</summary>
    public void Uncork() => _corks--;

    /// <summary>True when bytes wait, none are being sent and nobody corked: the caller must run <see cref="FlushAsync"/>.</summary>
    public bool ClaimSend()
    {
        if (_sendInProgress || _corks > 0 || _length == 0) return false;
        _sendInProgress = true;
        return true;
    }

    /// <summary>Sends until the outbox is empty. Only the caller that claimed the send runs it, outside the lock.</summary>
    public async ValueTask FlushAsync()
    {
        while (true)
        {
            byte[] buffer;
            int length;
            lock (sync)
            {
                if (_length == 0)
                {
                    _sendInProgress = false;
                    return;
                }
                (buffer, _pending, _sending) = (_pending, _sending, _pending);
                length = _length;
                _length = 0;
            }
            for (var sent = 0; sent < length;)
                sent += await socket.SendAsync(buffer.AsMemory(sent, length - sent), SocketFlags.None).ConfigureAwait(false);
        }
    }
}
