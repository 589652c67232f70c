using Grpc.Core;

namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>
/// One of the lean client's MaxConnections places: holds the current connection, opens the first one on the
/// first call and a new one whenever the current one takes no new streams (failed, closed, GOAWAY, stream ids
/// used up). Calls waiting for a connection share one connect attempt; a failed connect fails them with
/// Unavailable and the next call tries again. Calls a connection did not process (GOAWAY, REFUSED_STREAM) come
/// back here once and go to the current connection, or a new one.
/// </summary>
internal sealed class LeanConnectionSlot(LeanCallShape shape) : IDisposable
{
    private readonly Lock _sync = new();
    private readonly List<Http2Connection> _opened = [];
    private Http2Connection? _current;
    private Task<Http2Connection>? _connecting;
    private bool _disposed;

    /// <summary>The connection new calls go to now; null before the first connect.</summary>
    public Http2Connection? Current => Volatile.Read(ref _current);

    public ValueTask<long> CallAsync(CancellationToken token)
    {
        var current = Volatile.Read(ref _current);
        return current is not null && current.TryCall(token, out var call) ? call : ConnectAndCallAsync(token);
    }

    private async ValueTask<long> ConnectAndCallAsync(CancellationToken token)
    {
        // A connection may turn away a call between handing it out and the call (GOAWAY, ids used up): try a fresh one.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Http2Connection connection;
            try
            {
                connection = await Connecting().WaitAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                // Only the call's own token (its deadline, the run stopping) makes waiting for a connection a cancellation.
                throw new RpcException(new Status(StatusCode.Unavailable, ConnectFailed(e), e));
            }
            if (connection.TryCall(token, out var call)) return await call.ConfigureAwait(false);
        }
        throw new RpcException(new Status(StatusCode.Unavailable, "no connection to the server took the call"));
    }

    private void Retry(LeanStream stream) => _ = RetryAsync(stream);

    private async Task RetryAsync(LeanStream stream)
    {
        string reason;
        try
        {
            for (var attempt = 0; attempt < 3; attempt++)
                if ((await Connecting().ConfigureAwait(false)).TryAdopt(stream)) return;
            reason = "no connection to the server took the retried call";
        }
        catch (Exception e)
        {
            reason = ConnectFailed(e);
        }
        if (stream.TrySettle(StatusCode.Unavailable, reason)) stream.Signal();
    }

    private string ConnectFailed(Exception e) => $"Error connecting to {shape.Endpoint.Host}:{shape.Endpoint.Port}: {e.Message}";

    private Task<Http2Connection> Connecting()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current is { AcceptsStreams: true } current) return Task.FromResult(current);
            if (_connecting is null || _connecting.IsCompleted) _connecting = ConnectAsync();
            return _connecting;
        }
    }

    private async Task<Http2Connection> ConnectAsync()
    {
        var connection = await Http2Connection.ConnectAsync(shape, Retry).ConfigureAwait(false);
        lock (_sync)
        {
            if (!_disposed)
            {
                // The connection it replaces closes itself once drained; Dispose closes whatever is left.
                _opened.RemoveAll(old => old.IsClosed);
                _opened.Add(connection);
                Volatile.Write(ref _current, connection);
                return connection;
            }
        }
        connection.Dispose();
        throw new ObjectDisposedException(nameof(LeanConnectionSlot));
    }

    public void Dispose()
    {
        List<Http2Connection> opened;
        lock (_sync)
        {
            _disposed = true;
            opened = [.. _opened];
            _opened.Clear();
            _current = null;
        }
        foreach (var connection in opened) connection.Dispose();
    }
}
