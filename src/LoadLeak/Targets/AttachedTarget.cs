namespace LoadLeak.Targets;

/// <summary>A process someone else started (--target-pid). LoadLeak only watches it; it never stops it.</summary>
internal sealed class AttachedTarget : ITarget
{
    private readonly CancellationTokenSource _watch = new();

    private AttachedTarget(int pid)
    {
        Pid = pid;
        Exited = WatchAsync(pid, _watch.Token);
    }

    public int Pid { get; }
    public string Description => $"pid {Pid}";
    public double? StartupSeconds => null;
    public bool HasExited => Exited.IsCompleted && !_watch.IsCancellationRequested;
    public int? ExitCode => null;
    public Task Exited { get; }

    public static AttachedTarget Attach(int pid)
    {
        if (!Directory.Exists($"/proc/{pid}"))
            throw new Engine.ConfigException($"--target-pid: no process with id {pid} is running");
        return new AttachedTarget(pid);
    }

    // Not our child, so there is no exit notification: poll /proc. A zombie (exited, not reaped by its parent) is gone.
    private static async Task WatchAsync(int pid, CancellationToken ct)
    {
        try
        {
            while (Correlator.Sampling.Proc.ProcReader.IsAlive(pid))
                await Task.Delay(250, ct);
        }
        catch (OperationCanceledException) { }
    }

    public Task StopAsync() => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _watch.Cancel();
        return ValueTask.CompletedTask;
    }
}
