using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// One connection of <see cref="ScriptedHttp2Server"/>: the frames a script sends (gRPC responses, RST_STREAM,
/// GOAWAY), written whole under a lock, with response DATA held to the client's receive windows as a real server
/// holds it, so a client that stops returning window never gets the rest.
/// </summary>
internal sealed class ScriptedHttp2Connection(TcpClient client, int number, CancellationToken stopping) : IDisposable
{
    private const int MaxFrame = 16_384; // the client's SETTINGS_MAX_FRAME_SIZE: it never raises the default
    private static readonly TimeSpan WindowWait = TimeSpan.FromSeconds(12);

    private readonly NetworkStream _stream = client.GetStream();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly SemaphoreSlim _windowOpened = new(0);
    private readonly Lock _windows = new();
    private readonly Dictionary<int, long> _streamWindows = [];
    private long _connectionWindow = 65_535;
    private long _initialStreamWindow = 65_535;
    private int _streamWindowUpdates;
    private volatile bool _closed;

    /// <summary>1 for the first connection the server accepted, 2 for the second, …</summary>
    public int Number { get; } = number;
    public ConcurrentQueue<int> Answered { get; } = new();
    public ConcurrentQueue<int> ClientResets { get; } = new();
    public int StreamWindowUpdates => Volatile.Read(ref _streamWindowUpdates);

    public async Task<byte[]> ReadExactlyAsync(int count)
    {
        var bytes = new byte[count];
        await _stream.ReadExactlyAsync(bytes, stopping);
        return bytes;
    }

    public void OnSettings(ReadOnlySpan<byte> payload)
    {
        for (var i = 0; i + 6 <= payload.Length; i += 6)
            if (BinaryPrimitives.ReadUInt16BigEndian(payload[i..]) == 0x4)
                lock (_windows) _initialStreamWindow = BinaryPrimitives.ReadUInt32BigEndian(payload[(i + 2)..]);
    }

    public void OnRequestHeaders(int streamId)
    {
        lock (_windows) _streamWindows[streamId] = _initialStreamWindow;
    }

    public void OnWindowUpdate(int streamId, int increment)
    {
        lock (_windows)
        {
            if (streamId == 0) _connectionWindow += increment;
            else if (_streamWindows.ContainsKey(streamId))
            {
                _streamWindows[streamId] += increment;
                _streamWindowUpdates++;
            }
        }
        _windowOpened.Release();
    }

    public void OnClientReset(int streamId) => ClientResets.Enqueue(streamId);

    public void MarkClosed()
    {
        _closed = true;
        _windowOpened.Release();
    }

    /// <summary>A whole gRPC response: headers, each message (length-prefixed) within the windows, grpc-status 0.</summary>
    public async Task RespondAsync(int streamId, params byte[][] messages)
    {
        await SendResponseHeadersAsync(streamId);
        foreach (var message in messages)
        {
            var framed = new byte[5 + message.Length];
            BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
            message.CopyTo(framed, 5);
            await SendDataAsync(streamId, framed);
        }
        await WriteFrameAsync(0x1, 0x4 | 0x1, streamId, HeaderBlock(("grpc-status", "0")));
        Answered.Enqueue(streamId);
    }

    public Task SendResponseHeadersAsync(int streamId) =>
        WriteFrameAsync(0x1, 0x4, streamId, HeaderBlock((":status", "200"), ("content-type", "application/grpc")));

    public Task ResetAsync(int streamId, uint errorCode) => WriteFrameAsync(0x3, 0, streamId, BigEndian(errorCode));

    public Task GoAwayAsync(int lastStreamId) => WriteFrameAsync(0x7, 0, 0, BigEndian((uint)lastStreamId).Concat(BigEndian(0)).ToArray());

    public Task WriteWindowUpdateAsync(int streamId, int increment) => WriteFrameAsync(0x8, 0, streamId, BigEndian((uint)increment));

    private async Task SendDataAsync(int streamId, byte[] data)
    {
        var deadline = DateTime.UtcNow + WindowWait;
        for (var sent = 0; sent < data.Length;)
        {
            int chunk;
            lock (_windows) chunk = (int)Math.Min(Math.Min(data.Length - sent, MaxFrame), Math.Min(_connectionWindow, _streamWindows[streamId]));
            if (chunk <= 0)
            {
                // Flow control: no byte goes out until the client returns window (bounded, so a stuck test ends).
                if (_closed || DateTime.UtcNow > deadline) throw new IOException($"the client returned no receive window on stream {streamId}");
                await _windowOpened.WaitAsync(TimeSpan.FromMilliseconds(50), stopping);
                continue;
            }
            lock (_windows)
            {
                _connectionWindow -= chunk;
                _streamWindows[streamId] -= chunk;
            }
            await WriteFrameAsync(0x0, 0, streamId, data.AsMemory(sent, chunk));
            sent += chunk;
        }
    }

    public async Task WriteFrameAsync(byte type, byte flags, int streamId, ReadOnlyMemory<byte> payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        (frame[3], frame[4]) = (type, flags);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(5), (uint)streamId);
        payload.CopyTo(frame.AsMemory(9));
        await _writing.WaitAsync(stopping);
        try { await _stream.WriteAsync(frame, stopping); }
        finally { _writing.Release(); }
    }

    /// <summary>HPACK "literal header field without indexing — new name" (RFC 7541 §6.2.2), no Huffman coding.</summary>
    private static byte[] HeaderBlock(params (string Name, string Value)[] fields)
    {
        var block = new List<byte>();
        foreach (var (name, value) in fields)
        {
            block.Add(0x00);
            block.Add((byte)name.Length); // every name and value here is shorter than the 7-bit prefix's 127
            block.AddRange(Encoding.ASCII.GetBytes(name));
            block.Add((byte)value.Length);
            block.AddRange(Encoding.ASCII.GetBytes(value));
        }
        return [.. block];
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public void Dispose()
    {
        _closed = true;
        client.Dispose();
    }
}
