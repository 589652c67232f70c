using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>
/// Records LoadLeak's own working set and GC heap every few seconds: a load generator whose memory
/// grows on a long run would disturb the very thing it measures.
/// </summary>
internal sealed class RunnerMemoryMonitor : IAsyncDisposable
{
    private readonly List<RunnerMemoryPoint> _points = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RunnerMemoryMonitor(RunClock clock, TimeSpan every)
    {
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every);
            try
            {
                do
                {
                    using var self = System.Diagnostics.Process.GetCurrentProcess();
                    var lastGc = GC.GetGCMemoryInfo();
                    var point = new RunnerMemoryPoint(clock.Seconds, self.WorkingSet64, GC.GetTotalMemory(false),
                        lastGc.Index > 0 ? lastGc.HeapSizeBytes : null);
                    lock (_points) _points.Add(point);
                } while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException) { }
        });
    }

    public IReadOnlyList<RunnerMemoryPoint> Points
    {
        get { lock (_points) return _points.ToArray(); }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }
}
