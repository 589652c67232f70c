using System.Buffers.Binary;
using LoadLeak.Scenarios.Grpc.Lean;
using LoadLeak.Scenarios.Grpc.Lean.Framing;

namespace LoadLeak.Tests.Scenarios.Lean;

/// <summary>HTTP/2 frames and gRPC messages cut into pieces at every offset come out whole and in order.</summary>
public class FramingTests
{
    private static readonly (FrameType Type, byte Flags, int Stream, byte[] Payload)[] Frames =
    [
        (FrameType.Settings, 0, 0, Bytes(12, 1)),
        (FrameType.Settings, FrameFlags.Ack, 0, []),
        (FrameType.Headers, FrameFlags.EndHeaders, 1, Bytes(20, 2)),
        (FrameType.Data, 0, 1, Bytes(300, 3)),
        (FrameType.Data, FrameFlags.EndStream, 0x7fff_ffff, Bytes(1, 4)),
        (FrameType.WindowUpdate, 0, 3, Bytes(4, 5)),
    ];

    [Fact]
    public void Frame_header_round_trips_and_ignores_the_reserved_bit()
    {
        var bytes = new byte[FrameHeader.Size];
        new FrameHeader(16_777_215, FrameType.Continuation, 0xff, 0x7fff_ffff).Write(bytes);
        Assert.Equal(new FrameHeader(16_777_215, FrameType.Continuation, 0xff, 0x7fff_ffff), FrameHeader.Read(bytes));
        bytes[5] |= 0x80;
        Assert.Equal(0x7fff_ffff, FrameHeader.Read(bytes).StreamId);
    }

    [Fact]
    public void Frames_split_at_every_offset_come_out_whole()
    {
        var wire = Wire();
        for (var cut = 0; cut <= wire.Length; cut++)
        {
            var buffer = new FrameBuffer(PeerSettings.MinFrameSize);
            var read = new List<(FrameType, byte, int, byte[])>();
            foreach (var piece in new[] { wire[..cut], wire[cut..] })
            {
                piece.CopyTo(buffer.Free.Span);
                buffer.Advance(piece.Length);
                while (buffer.TryRead(out var header, out var payload)) read.Add((header.Type, header.Flags, header.StreamId, payload.ToArray()));
            }
            Assert.Equal(Frames.Length, read.Count);
            for (var i = 0; i < Frames.Length; i++)
            {
                Assert.Equal((Frames[i].Type, Frames[i].Flags, Frames[i].Stream), (read[i].Item1, read[i].Item2, read[i].Item3));
                Assert.Equal(Frames[i].Payload, read[i].Item4);
            }
        }
    }

    [Fact]
    public void A_frame_above_the_advertised_maximum_is_a_frame_size_error()
    {
        var buffer = new FrameBuffer(PeerSettings.MinFrameSize);
        FrameHeader.Write(buffer.Free.Span, PeerSettings.MinFrameSize + 1, FrameType.Data, 0, 1);
        buffer.Advance(FrameHeader.Size);
        var error = Assert.Throws<Http2ConnectionException>(() => buffer.TryRead(out _, out _));
        Assert.Equal(Http2ErrorCode.FrameSizeError, error.Code);
    }

    [Fact]
    public void Grpc_messages_split_at_every_offset_come_out_whole()
    {
        byte[][] messages = [Bytes(7, 1), [], Bytes(40, 2), Bytes(3, 3)];
        var wire = messages.SelectMany(Prefixed).ToArray();
        for (var cut = 0; cut <= wire.Length; cut++)
            for (var cut2 = cut; cut2 <= wire.Length; cut2 += 5)
            {
                var sink = new MessageList();
                var assembler = new GrpcMessageAssembler(1024);
                assembler.Feed(wire.AsSpan(0, cut), sink);
                assembler.Feed(wire.AsSpan(cut, cut2 - cut), sink);
                assembler.Feed(wire.AsSpan(cut2), sink);
                Assert.False(assembler.InsideMessage);
                Assert.Equal(messages, sink.Messages);
            }
    }

    [Fact]
    public void Compressed_or_oversized_messages_fail_the_call()
    {
        var compressed = Prefixed(Bytes(3, 1));
        compressed[0] = 1;
        var assembler = new GrpcMessageAssembler(1024);
        Assert.Equal(global::Grpc.Core.StatusCode.Internal, Assert.Throws<GrpcCallException>(() =>
            assembler.Feed(compressed, new MessageList())).Status);
        var small = new GrpcMessageAssembler(10);
        Assert.Equal(global::Grpc.Core.StatusCode.ResourceExhausted, Assert.Throws<GrpcCallException>(() =>
            small.Feed(Prefixed(Bytes(11, 1)), new MessageList())).Status);
        var partial = new GrpcMessageAssembler(1024);
        partial.Feed(Prefixed(Bytes(30, 1)).AsSpan(0, 12), new MessageList());
        Assert.True(partial.InsideMessage);
        partial.Release();
    }

    private static byte[] Wire()
    {
        var wire = new List<byte>();
        foreach (var (type, flags, stream, payload) in Frames)
        {
            var header = new byte[FrameHeader.Size];
            FrameHeader.Write(header, payload.Length, type, flags, stream);
            wire.AddRange(header);
            wire.AddRange(payload);
        }
        return [.. wire];
    }

    private static byte[] Prefixed(byte[] message)
    {
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        return framed;
    }

    private static byte[] Bytes(int count, byte seed) => Enumerable.Range(0, count).Select(i => (byte)(seed * 31 + i)).ToArray();

    private sealed class MessageList : IGrpcMessageSink
    {
        public List<byte[]> Messages { get; } = [];
        public void OnMessage(ReadOnlySpan<byte> message) => Messages.Add(message.ToArray());
    }
}
