namespace LoadLeak.Engine.Running;

/// <summary>The iteration count of an IterationsFor… phase, shared by the copies or injections that spend it.</summary>
internal sealed class IterationBudget(long total)
{
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _taken;
    private long _done;

    public bool TryTake() => Interlocked.Increment(ref _taken) <= total;

    public void Done()
    {
        if (Interlocked.Increment(ref _done) == total) _complete.TrySetResult();
    }

    /// <summary>Completes when every iteration of the budget finished.</summary>
    public Task WaitCompleteAsync(CancellationToken stop) => total <= 0 ? Task.CompletedTask : _complete.Task.WaitAsync(stop);
}
