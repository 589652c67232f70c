namespace LoadLeak.Engine.Running;

/// <summary>The iteration count of an IterationsFor… phase, shared by the copies or injections that spend it.</summary>
internal sealed class IterationBudget(long total)
{
    private long _taken;
    private long _done;

    public bool TryTake() => Interlocked.Increment(ref _taken) <= total;

    public void Done() => Interlocked.Increment(ref _done);

    public bool Complete => Interlocked.Read(ref _done) >= total;

    /// <summary>Polls until every iteration of the budget finished.</summary>
    public async Task WaitCompleteAsync(CancellationToken stop)
    {
        while (!Complete) await Task.Delay(5, stop).ConfigureAwait(false);
    }
}
