namespace LoadLeak.Scenarios.Grpc.Lean.Framing;

/// <summary>
/// The receive side's bytes: the socket reads into <see cref="Free"/>, whole frames come out of
/// <see cref="TryRead"/> in order, and a frame split across reads waits for its rest. Frames longer than the
/// maximum frame size we advertised are a FRAME_SIZE_ERROR (RFC 9113 §4.2).
/// </summary>
internal sealed class FrameBuffer(int maxFrameSize)
{
    private readonly byte[] _bytes = new byte[Math.Max(64 * 1024, 2 * (maxFrameSize + FrameHeader.Size))];
    private int _start, _end;

    /// <summary>Where the next read goes; moves what is left of a partial frame to the front first.</summary>
    public Memory<byte> Free
    {
        get
        {
            if (_start > 0)
            {
                _bytes.AsSpan(_start, _end - _start).CopyTo(_bytes);
                _end -= _start;
                _start = 0;
            }
            return _bytes.AsMemory(_end);
        }
    }

    public void Advance(int count) => _end += count;

    /// <summary>The next whole frame, if it has arrived; its payload is valid until the next <see cref="Free"/>.</summary>
    public bool TryRead(out FrameHeader header, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        header = default;
        if (_end - _start < FrameHeader.Size) return false;
        header = FrameHeader.Read(_bytes.AsSpan(_start));
        if (header.Length > maxFrameSize)
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"{header.Type} frame of {header.Length} bytes exceeds the " +
                $"{maxFrameSize} allowed");
        if (_end - _start < FrameHeader.Size + header.Length) return false;
        payload = _bytes.AsSpan(_start + FrameHeader.Size, header.Length);
        _start += FrameHeader.Size + header.Length;
        return true;
    }
}
