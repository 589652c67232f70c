using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace LoadLeak.Scenarios.Http.Raw.Epoll;

/// <summary>
/// The raw HTTP client's own epoll thread: each connection's socket is registered once, edge-triggered, and an
/// edge wakes that connection's readable or writable <see cref="ReadinessSignal"/> (<see cref="SocketReadiness"/>).
/// Unlike the runtime's socket engine, a receive here waits for readiness first instead of trying the socket right
/// after the request went out (a recvfrom that almost always finds nothing), which saves one system call per request.
/// A registration's id is its slot in a table plus a generation, so an event finds its connection with one array read
/// and an event for a connection removed since is dropped. One or more loops per scenario run (see RawHttpClient);
/// Dispose stops it within <see cref="PollTimeoutMs"/>.
/// A wait's cancellation (the request's timeout, the run's stop) is checked by this thread every
/// <see cref="PollTimeoutMs"/>, as wrk checks its timeouts, instead of a registration on the shared timeout token per
/// wait: both loops registered and unregistered on the same token source for every response.
/// </summary>
internal sealed class EpollLoop : IDisposable
{
    private const int PollTimeoutMs = 10;
    private const int MaxEventsPerWait = 256;

    private readonly int _epfd;
    private readonly Lock _lock = new();
    private readonly Stack<int> _freeSlots = new();
    private readonly Action<ulong, uint> _onEvent;
    private readonly Thread _thread;
    private SocketReadiness?[] _slots = new SocketReadiness?[64];
    private int _slotsUsed;
    private uint _generation;
    private volatile bool _stopping;

    public EpollLoop()
    {
        _epfd = EpollNative.Create(EpollNative.EPOLL_CLOEXEC);
        if (_epfd < 0) throw new SocketException(Marshal.GetLastPInvokeError());
        _onEvent = OnEvent;
        _thread = new Thread(Run) { IsBackground = true, Name = "loadleak-raw-http-epoll" };
        _thread.Start();
    }

    /// <summary>Registers a socket; its signals fire on every edge until <see cref="Remove"/>.</summary>
    public ulong Add(Socket socket, SocketReadiness signal)
    {
        ulong id;
        lock (_lock)
        {
            var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _slotsUsed++;
            if (slot == _slots.Length)
            {
                var bigger = new SocketReadiness?[slot * 2];
                _slots.CopyTo(bigger, 0);
                Volatile.Write(ref _slots, bigger);
            }
            id = ((ulong)++_generation << 32) | (uint)slot;
            signal.LoopId = id;
            Volatile.Write(ref _slots[slot], signal);
        }
        // EPOLLOUT for the connect's completion and for room after a send found the buffer full (edge-triggered: the
        // kernel wakes writers only after a send failed with EAGAIN; other events may carry the bit along, harmlessly).
        const uint events = EpollNative.EPOLLIN | EpollNative.EPOLLOUT | EpollNative.EPOLLRDHUP | EpollNative.EPOLLET;
        if (EpollNative.Add(_epfd, (int)socket.SafeHandle.DangerousGetHandle(), events, id) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            Remove(id);
            throw new SocketException(error);
        }
        return id;
    }

    /// <summary>Forgets a connection; closing its socket takes it out of the epoll set.</summary>
    public void Remove(ulong id)
    {
        var slot = (int)(uint)id;
        lock (_lock)
        {
            if (_slots[slot] is not { } signal || signal.LoopId != id) return;
            Volatile.Write(ref _slots[slot], null);
            _freeSlots.Push(slot);
        }
    }

    private void OnEvent(ulong id, uint events)
    {
        // Connected, readable, writable, closed by the peer, or in error: the next call on that side tells which.
        var slots = Volatile.Read(ref _slots);
        var slot = (int)(uint)id;
        if (slot < slots.Length && Volatile.Read(ref slots[slot]) is { } signal && signal.LoopId == id) signal.Dispatch(events);
    }

    private void Run()
    {
        var scratch = new byte[MaxEventsPerWait * 16];
        var scanTicks = Stopwatch.Frequency * PollTimeoutMs / 1000;
        var nextScan = Stopwatch.GetTimestamp() + scanTicks;
        while (!_stopping)
        {
            if (EpollNative.Wait(_epfd, scratch, PollTimeoutMs, _onEvent) < 0 && Marshal.GetLastPInvokeError() != EpollNative.EINTR)
                break;
            var now = Stopwatch.GetTimestamp();
            if (now < nextScan) continue;
            nextScan = now + scanTicks;
            CancelWaits();
        }
        EpollNative.Close(_epfd);
    }

    /// <summary>Fails the waits whose token was cancelled since the last scan.</summary>
    private void CancelWaits()
    {
        var slots = Volatile.Read(ref _slots);
        for (var i = 0; i < slots.Length; i++) Volatile.Read(ref slots[i])?.CancelIfRequested();
    }

    public void Dispose() => _stopping = true;
}
