using System.Net;

namespace LoadLeak.Scenarios.Http.Raw;

/// <summary>
/// Up to MaxConnections connections to one endpoint, opened on demand. A request rents an idle connection, or opens
/// a new one while under the limit, or waits in line (first come, first served) until one is returned or a slot is
/// freed: an open-model run can have more requests in flight than connections. A returned connection goes back
/// idle; a discarded one (closed, failed, state unknown) frees its slot for the next waiter. Dispose closes every
/// connection, idle or in use, and fails the waiters.
/// </summary>
internal sealed class RawConnectionPool(EndPoint endPoint, int maxConnections, Func<IRawTransport> newTransport) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Stack<RawConnection> _idle = new();
    private readonly HashSet<RawConnection> _open = [];
    // A waiter gets a connection, or null: "a slot is yours, open a connection in it".
    private readonly Queue<TaskCompletionSource<RawConnection?>> _waiters = new();
    private int _slotsTaken;
    private bool _disposed;

    /// <summary>Connections open now, idle or in use (each holds a socket).</summary>
    public int OpenCount
    {
        get
        {
            lock (_lock) return _open.Count;
        }
    }

    public ValueTask<RawConnection> RentAsync(CancellationToken token)
    {
        TaskCompletionSource<RawConnection?> waiter;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle)) return ValueTask.FromResult(idle);
            if (_slotsTaken < maxConnections)
            {
                _slotsTaken++;
                return OpenAsync(token);
            }
            // Continuations run asynchronously: the waiter must not run inside whoever returned the connection.
            waiter = new TaskCompletionSource<RawConnection?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }
        return WaitAsync(waiter, token);
    }

    /// <summary>Hands a connection that finished its exchange cleanly to the next waiter, or back to the idle ones.</summary>
    public void Return(RawConnection connection)
    {
        while (true)
        {
            TaskCompletionSource<RawConnection?>? waiter;
            lock (_lock)
            {
                waiter = NextWaiter();
                if (waiter is null)
                {
                    if (!_disposed) _idle.Push(connection);
                    else connection.Dispose();
                    return;
                }
            }
            if (waiter.TrySetResult(connection)) return;
        }
    }

    /// <summary>Closes a connection that must not be reused and gives its slot to the next waiter, if any.</summary>
    public void Discard(RawConnection connection)
    {
        connection.Dispose();
        lock (_lock)
            if (!_open.Remove(connection)) return;
        while (true)
        {
            TaskCompletionSource<RawConnection?>? waiter;
            lock (_lock)
            {
                waiter = NextWaiter();
                if (waiter is null)
                {
                    _slotsTaken--;
                    return;
                }
            }
            if (waiter.TrySetResult(null)) return;
        }
    }

    public void Dispose()
    {
        RawConnection[] open;
        TaskCompletionSource<RawConnection?>[] waiters;
        lock (_lock)
        {
            _disposed = true;
            open = [.. _open];
            waiters = [.. _waiters];
            _waiters.Clear();
            _idle.Clear();
        }
        foreach (var connection in open) connection.Dispose();
        foreach (var waiter in waiters) waiter.TrySetException(new ObjectDisposedException(nameof(RawConnectionPool), "the scenario stopped"));
    }

    // Skips waiters whose request already gave up (timed out or cancelled).
    private TaskCompletionSource<RawConnection?>? NextWaiter()
    {
        while (_waiters.TryDequeue(out var waiter))
            if (!waiter.Task.IsCompleted) return waiter;
        return null;
    }

    private async ValueTask<RawConnection> WaitAsync(TaskCompletionSource<RawConnection?> waiter, CancellationToken token)
    {
        RawConnection? connection;
        using (token.UnsafeRegister(static (state, t) => ((TaskCompletionSource<RawConnection?>)state!).TrySetCanceled(t), waiter))
            connection = await waiter.Task.ConfigureAwait(false);
        return connection ?? await OpenAsync(token).ConfigureAwait(false);
    }

    private async ValueTask<RawConnection> OpenAsync(CancellationToken token)
    {
        var connection = new RawConnection(newTransport());
        lock (_lock)
        {
            if (_disposed)
            {
                connection.Dispose();
                throw new ObjectDisposedException(nameof(RawConnectionPool), "the scenario stopped");
            }
            _open.Add(connection);
        }
        try
        {
            await connection.ConnectAsync(endPoint, token).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            Discard(connection);
            throw;
        }
    }
}

