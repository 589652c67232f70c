namespace LeakyApp;

/// <summary>Each request starts an async method that awaits a completion that never comes
/// (the missing-cancellation leak): the state machines stay pending forever.</summary>
internal sealed class PendingTasksLeak : IWorkload
{
    // Reachable, as a real service's pending-work registry would be; the tasks themselves are
    // rooted through the sources' continuations.
    private static readonly List<TaskCompletionSource<int>> Waiting = [];
    private static readonly List<Task> Started = [];

    public void Grow(int count, int bytes)
    {
        for (var i = 0; i < count; i++)
        {
            var source = new TaskCompletionSource<int>();
            Waiting.Add(source);
            Started.Add(AwaitReplyAsync(source.Task, bytes));
        }
    }

    public void Drop()
    {
    }

    private static async Task AwaitReplyAsync(Task<int> reply, int bytes)
    {
        var buffer = new byte[bytes];
        var value = await reply.ConfigureAwait(false);
        buffer[0] = (byte)value;
    }
}
