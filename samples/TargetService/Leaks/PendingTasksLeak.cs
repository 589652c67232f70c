using System.Collections.Concurrent;

namespace TargetService.Leaks;

/// <summary>
/// Each request registers a waiter for a "reply" that never arrives. The wait would end when the request
/// is aborted, but the request's token is not passed down, so every waiter (and its 1 KB state) stays
/// alive in the pending map and on the timer queue.
/// </summary>
public sealed class PendingTasksLeak : EveryPathLeak
{
    private static readonly ConcurrentDictionary<long, TaskCompletionSource<byte[]>> PendingReplies = new();

    public override string Name => "pending-tasks";

    protected override void OnRequest(long requestNumber) => _ = AwaitReplyAsync(requestNumber);

    private static async Task AwaitReplyAsync(long correlationId)
    {
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        PendingReplies[correlationId] = reply;
        var requestState = new byte[1024];
        // BUG (on purpose): CancellationToken.None instead of the request's token.
        await Task.WhenAny(reply.Task, Task.Delay(TimeSpan.FromHours(1), CancellationToken.None));
        PendingReplies.TryRemove(correlationId, out _);
        GC.KeepAlive(requestState);
    }
}
