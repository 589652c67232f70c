namespace TargetService.Leaks;

/// <summary>Every 1000th request starts a worker thread that waits on a signal nobody ever sets.</summary>
public sealed class ThreadsLeak : EveryPathLeak
{
    private const int RequestsPerThread = 1000;
    private static readonly ManualResetEventSlim NeverSet = new(false);

    public override string Name => "threads";

    protected override void OnRequest(long requestNumber)
    {
        if (requestNumber % RequestsPerThread != 0) return;
        var worker = new Thread(() => NeverSet.Wait(), maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = $"leaked-worker-{requestNumber / RequestsPerThread}",
        };
        worker.Start();
    }
}
