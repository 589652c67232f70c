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
        // The transport's pattern: try the socket ("produced" stands for the bytes queued), wait only when it is
        // empty. A producer on another thread queues then signals, often right between the check and the wait; a
        // lost edge leaves the consumer waiting with data queued, and the timeout fails the test.
        const int Edges = 200_000;
        var signal = new ReadinessSignal(runContinuationsAsynchronously: true);
        long produced = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var producer = new Thread(() =>
        {
            for (var i = 0; i < Edges && !timeout.IsCancellationRequested; i++)
            {
                Interlocked.Increment(ref produced);
                signal.Signal();
                if (i % 64 == 0) Thread.Yield();
            }
        });
        producer.Start();
        long consumed = 0, waits = 0;
        while (consumed < Edges)
        {
            var available = Interlocked.Read(ref produced);
            if (available > consumed)
            {
                consumed = available;
                continue;
            }
            waits++;
            await signal.WaitAsync(timeout.Token);
        }
        producer.Join();
        Assert.Equal(Edges, consumed);
        Assert.True(waits > 0);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_the_next_wait_still_gets_its_edge()
    {
        var signal = new ReadinessSignal(runContinuationsAsynchronously: false);
        using var cancel = new CancellationTokenSource();
        var waiting = signal.WaitAsync(cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
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
