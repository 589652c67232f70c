namespace LoadLeak.Targets;

/// <summary>
/// A target on another host (or any process LoadLeak cannot see): no pid, no /proc, no EventPipe; it is sampled only
/// through its diagnostics URLs. <see cref="Pid"/> is 0. It is never stopped, and its exit is not watched.
/// </summary>
internal sealed class RemoteTarget(string description) : ITarget
{
    public int Pid => 0;
    public string Description => description;
    public double? StartupSeconds => null;
    public bool HasExited => false;
    public int? ExitCode => null;
    public Task Exited { get; } = new TaskCompletionSource().Task;

    public Task StopAsync() => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
