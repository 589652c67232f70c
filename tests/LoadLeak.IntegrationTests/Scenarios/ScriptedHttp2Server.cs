using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// An h2c server on 127.0.0.1 that speaks just enough HTTP/2 for a script to answer each gRPC request frame by
/// frame: it checks the client preface, exchanges SETTINGS (advertising a chosen MAX_CONCURRENT_STREAMS), returns
/// the request bodies' connection window, tracks the client's receive windows, and hands every complete request
/// (HEADERS, then DATA with END_STREAM) to the script on its own task. The script answers, resets, sends GOAWAY
/// or holds the stream, so a test decides exactly which streams a GOAWAY's last stream id leaves above it.
/// </summary>
internal sealed class ScriptedHttp2Server : IAsyncDisposable
{
    /// <summary>A complete request: its connection, stream id, and ordinals on the connection and overall (1-based).</summary>
    public sealed record Request(ScriptedHttp2Connection Connection, int StreamId, int OnConnection, int Overall);

    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Request, Task> _script;
    private readonly int _maxConcurrentStreams;
    private readonly List<Task> _tasks = [];
    private readonly List<ScriptedHttp2Connection> _connections = [];
    private readonly Task _accepting;
    private int _requests;

    public ScriptedHttp2Server(Func<Request, Task> script, int maxConcurrentStreams = 100)
    {
        _script = script;
        _maxConcurrentStreams = maxConcurrentStreams;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Requests => Volatile.Read(ref _requests);

    public IReadOnlyList<ScriptedHttp2Connection> Connections
    {
        get { lock (_tasks) return [.. _connections]; }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_tasks)
                {
                    var connection = new ScriptedHttp2Connection(client, _connections.Count + 1, _stop.Token);
                    _connections.Add(connection);
                    _tasks.Add(ServeAsync(connection));
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task ServeAsync(ScriptedHttp2Connection connection)
    {
        using var _ = connection;
        try
        {
            var preface = await connection.ReadExactlyAsync(Preface.Length);
            if (!preface.AsSpan().SequenceEqual(Preface)) throw new InvalidDataException("not the HTTP/2 client preface");
            var settings = new byte[6];
            BinaryPrimitives.WriteUInt16BigEndian(settings, 0x3);
            BinaryPrimitives.WriteUInt32BigEndian(settings.AsSpan(2), (uint)_maxConcurrentStreams);
            await connection.WriteFrameAsync(0x4, 0, 0, settings);
            var onConnection = 0;
            while (true)
            {
                var header = await connection.ReadExactlyAsync(9);
                var length = (header[0] << 16) | (header[1] << 8) | header[2];
                var (type, flags) = (header[3], header[4]);
                var streamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5)) & 0x7fff_ffff);
                var payload = await connection.ReadExactlyAsync(length);
                if (type == 0x4 && (flags & 0x1) == 0)
                {
                    connection.OnSettings(payload);
                    await connection.WriteFrameAsync(0x4, 0x1, 0, ReadOnlyMemory<byte>.Empty);
                }
                else if (type == 0x8) connection.OnWindowUpdate(streamId, (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7fff_ffff));
                else if (type == 0x3) connection.OnClientReset(streamId);
                else if (type == 0x1) connection.OnRequestHeaders(streamId);
                else if (type == 0x0)
                {
                    // Give the request body's bytes back at once, so many requests never exhaust the client's window.
                    if (length > 0) await connection.WriteWindowUpdateAsync(0, length);
                    if ((flags & 0x1) != 0)
                    {
                        var request = new Request(connection, streamId, ++onConnection, Interlocked.Increment(ref _requests));
                        lock (_tasks) _tasks.Add(Task.Run(() => _script(request)));
                    }
                }
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client closed the connection, or the test ended.
        }
        finally
        {
            connection.MarkClosed();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        Task[] tasks;
        lock (_tasks)
        {
            foreach (var connection in _connections) connection.Dispose();
            tasks = [.. _tasks];
        }
        // A script still writing to a closed connection fails; that is the test ending, not a result.
        try { await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or TimeoutException or SocketException) { }
        _stop.Dispose();
    }
}
