using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;

namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>
/// Cuts a stream's DATA bytes into gRPC length-prefixed messages (1 flag byte, 4-byte big-endian length). A
/// message inside one DATA frame goes to the sink straight from the frame; one split across frames is gathered
/// in a pooled buffer. A compressed message is Internal (we never offer compression), an oversized one ResourceExhausted.
/// </summary>
internal struct GrpcMessageAssembler(int maxMessageSize)
{
    private const int PrefixSize = 5;

    private ulong _prefix;
    private int _prefixHave;
    private int _bodyLength = -1;
    private int _bodyHave;
    private byte[]? _partial;

    /// <summary>True while a message has begun but not ended.</summary>
    public readonly bool InsideMessage => _prefixHave > 0 || _bodyLength >= 0;

    public void Feed(ReadOnlySpan<byte> data, IGrpcMessageSink sink)
    {
        while (data.Length > 0)
        {
            if (_bodyLength < 0)
            {
                if (_prefixHave == 0 && data.Length >= PrefixSize)
                {
                    Begin(data[0], BinaryPrimitives.ReadUInt32BigEndian(data[1..]));
                    data = data[PrefixSize..];
                }
                else
                {
                    _prefix = _prefix << 8 | data[0];
                    data = data[1..];
                    if (++_prefixHave < PrefixSize) continue;
                    Begin((byte)(_prefix >> 32), (uint)_prefix);
                }
                if (_bodyLength <= data.Length)
                {
                    var body = data[.._bodyLength];
                    data = data[_bodyLength..];
                    _bodyLength = -1;
                    sink.OnMessage(body);
                    continue;
                }
                _partial = ArrayPool<byte>.Shared.Rent(_bodyLength);
                _bodyHave = 0;
            }
            var take = Math.Min(data.Length, _bodyLength - _bodyHave);
            data[..take].CopyTo(_partial.AsSpan(_bodyHave));
            data = data[take..];
            _bodyHave += take;
            if (_bodyHave < _bodyLength) return;
            var whole = _partial!;
            var length = _bodyLength;
            _partial = null;
            _bodyLength = -1;
            try
            {
                sink.OnMessage(whole.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(whole);
            }
        }
    }

    /// <summary>Returns a half-gathered message's buffer to the pool.</summary>
    public void Release()
    {
        if (_partial is { } partial) ArrayPool<byte>.Shared.Return(partial);
        _partial = null;
    }

    private void Begin(byte flag, uint length)
    {
        _prefix = 0;
        _prefixHave = 0;
        if (flag != 0) throw new GrpcCallException(StatusCode.Internal, "the server sent a compressed message, but the client offered no " +
            "compression");
        if (length > (uint)maxMessageSize)
            throw new GrpcCallException(StatusCode.ResourceExhausted, $"Received message exceeds the maximum configured message size ({length} > " +
                $"{maxMessageSize}).");
        _bodyLength = (int)length;
    }
}
