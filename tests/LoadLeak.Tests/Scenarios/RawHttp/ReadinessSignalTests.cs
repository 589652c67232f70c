using LoadLeak.Scenarios.Http.Raw.Epoll;

namespace LoadLeak.Tests.Scenarios.RawHttp;

/// <summary>The epoll loop's edges reach their waiter: none lost, none crossing from one side to the other.</summary>
public sealed class ReadinessSignalTests
{
    [Fact]
    public async Task An_edge_before_the_wait_completes_it_at_once_and_only_once()
    {
        var signal = new ReadinessSignal(runContinuationsAsynchronously: false);
        signal.Signal();
        signal.Signal(); // merges with the pending one
        Assert.True(signal.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        var next = signal.WaitAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);
        signal.Signal();
        await next;
    }

    [Fact]
    public async Task Edges_racing_the_wait_after_EAGAIN_are_never_lost()
    {
        // The transport's pattern on two threads: the consumer tries the socket ("produced" stands for the bytes
        // queued) and waits only when it finds nothing; the producer queues the next item only once the last one was
        // taken, then signals, landing anywhere around the consumer's check and wait. Each edge is the only one that
        // can wake the consumer, so one lost edge stalls both sides and the timeout fails the test. On a busy machine
        // the producer stops early (after 3 s) rather than let slowness look like a stall.
        const int MaxRounds = 20_000;
        var signal = new ReadinessSignal(runContinuationsAsynchronously: false);
        long produced = 0, consumed = 0, waits = 0, target = long.MaxValue;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var consumer = Task.Factory.StartNew(() =>
        {
            // The gap between finding nothing and waiting (in the transport: EAGAIN, then the async machinery)
            // varies, so the producer's edges land before, inside and after it; every third wait holds the gap open
            // until the next item is queued (bounded), so some edges surely land inside it.
            var gap = new Random(11);
            while (Volatile.Read(ref consumed) < Volatile.Read(ref target))
            {
                var available = Volatile.Read(ref produced);
                if (available > consumed)
                {
                    Volatile.Write(ref consumed, available);
                    continue;
                }
                if (++waits % 3 == 0)
                {
                    for (var spins = 0; spins < 100_000 && Volatile.Read(ref produced) == available; spins++) Thread.SpinWait(1);
                    Thread.SpinWait(100); // the producer signals right after it queues
                }
                else
                    Thread.SpinWait(gap.Next(0, 200));
                signal.WaitAsync(timeout.Token).AsTask().Wait();
            }
        }, TaskCreationOptions.LongRunning);
        var jitter = new Random(7);
        var producing = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < MaxRounds && producing.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref consumed) < i && !timeout.IsCancellationRequested) spin.SpinOnce();
            if (timeout.IsCancellationRequested) break;
            Thread.SpinWait(jitter.Next(0, 100));
            Interlocked.Increment(ref produced);
            signal.Signal();
        }
        var stalled = timeout.IsCancellationRequested;
        var (stalledAt, queued) = (Volatile.Read(ref consumed), Volatile.Read(ref produced));
        Volatile.Write(ref target, Volatile.Read(ref produced));
        signal.Signal(); // wakes a consumer that already took the last item
        var error = await Record.ExceptionAsync(() => consumer);
        Assert.True(error is null && !stalled, $"the consumer stalled having taken {stalledAt} of {queued} items: {error?.GetType().Name}");
        Assert.True(waits > 0);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_the_next_wait_still_gets_its_edge()
    {
        var signal = new ReadinessSignal(runContinuationsAsynchronously: false);
        using var cancel = new CancellationTokenSource();
        var waiting = signal.WaitAsync(cancel.Token);
        signal.CancelIfRequested(); // the loop's scan: nothing to cancel yet
        Assert.False(waiting.IsCompleted);
        cancel.Cancel();
        signal.CancelIfRequested();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        // a wait whose token is already cancelled fails at once, with no scan
        var again = signal.WaitAsync(cancel.Token);
        Assert.True(again.IsCompleted);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await again);
        var next = signal.WaitAsync(CancellationToken.None);
        signal.Signal();
        await next;
    }

    [Fact]
    public void Readable_and_writable_edges_wake_their_own_side_and_errors_wake_both()
    {
        var readiness = new SocketReadiness(runContinuationsAsynchronously: false);
        var send = readiness.Writable.WaitAsync(CancellationToken.None);
        readiness.Dispatch(EpollNative.EPOLLIN);
        // A response arriving while a send waits for room must stay for the receive after it.
        Assert.False(send.IsCompleted);
        Assert.True(readiness.Readable.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        readiness.Dispatch(EpollNative.EPOLLOUT);
        Assert.True(send.IsCompletedSuccessfully);
        Assert.False(readiness.Readable.WaitAsync(CancellationToken.None).IsCompleted);

        var fresh = new SocketReadiness(runContinuationsAsynchronously: false);
        var read = fresh.Readable.WaitAsync(CancellationToken.None);
        var write = fresh.Writable.WaitAsync(CancellationToken.None);
        fresh.Dispatch(EpollNative.EPOLLERR);
        Assert.True(read.IsCompletedSuccessfully && write.IsCompletedSuccessfully);
    }
}
