using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// A TCP server on 127.0.0.1 that reads HTTP/1.1 requests (head, then a Content-Length body) and answers each with
/// the bytes a script returns, written in the pieces the script gives; the script also says whether to close the
/// connection after. It lets a test send exactly the responses, splits and closes that real servers send rarely.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    /// <summary>What to answer the <c>request</c>-th request (1-based) on the <c>connection</c>-th connection (1-based).</summary>
    public delegate (byte[][] Pieces, bool Close) Script(int connection, int request);

    /// <summary>A slow reader: a small receive buffer, reads of at most <c>ChunkBytes</c>, a pause after each.</summary>
    public sealed record Pacing(int ReceiveBufferBytes, int ChunkBytes, int PauseMs);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Script _script;
    private readonly Pacing? _pacing;
    private readonly Task _accepting;
    private int _connections;
    private int _requests;
    private long _bodyBytes;

    public ScriptedHttpServer(Script script, Pacing? pacing = null)
    {
        _script = script;
        _pacing = pacing;
        // Set on the listener, so accepted sockets start with it (and the window stays small from the handshake on).
        if (pacing is not null) _listener.Server.ReceiveBufferSize = pacing.ReceiveBufferBytes;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Connections => Volatile.Read(ref _connections);
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Request body bytes received, all requests together.</summary>
    public long BodyBytes => Interlocked.Read(ref _bodyBytes);

    private async Task AcceptAsync()
    {
        var serving = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                serving.Add(ServeAsync(client, Interlocked.Increment(ref _connections)));
            }
        }
        catch (OperationCanceledException) { }
        await Task.WhenAll(serving);
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        var pending = new List<byte>();
        var buffer = new byte[_pacing?.ChunkBytes ?? 4096];
        try
        {
            for (var request = 1; ; request++)
            {
                int headEnd;
                while ((headEnd = IndexOfHeadEnd(pending)) < 0)
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0) return;
                    pending.AddRange(buffer.AsSpan(0, read));
                }
                var head = Encoding.ASCII.GetString(pending.GetRange(0, headEnd).ToArray());
                var length = ContentLength(head);
                while (pending.Count < headEnd + 4 + length)
                {
                    if (_pacing is not null) await Task.Delay(_pacing.PauseMs, _stop.Token);
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0) return;
                    pending.AddRange(buffer.AsSpan(0, read));
                }
                pending.RemoveRange(0, headEnd + 4 + length);
                Interlocked.Add(ref _bodyBytes, length);
                Interlocked.Increment(ref _requests);
                var (pieces, close) = _script(connection, request);
                foreach (var piece in pieces)
                {
                    await stream.WriteAsync(piece, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    await Task.Delay(1, _stop.Token);
                }
                if (close) return;
            }
        }
        catch (Exception error) when (error is IOException or OperationCanceledException or SocketException) { }
    }

    private static int IndexOfHeadEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
        return -1;
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                return int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
