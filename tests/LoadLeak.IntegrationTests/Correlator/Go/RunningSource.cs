using System.Diagnostics;
using LoadLeak.Correlator.Sampling;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>A counter source running in the background on a run clock of its own, into a <see cref="RecordingSink"/>.</summary>
internal sealed class RunningSource : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private RunningSource(Func<Func<double>, ICounterSource> create)
    {
        Source = create(Now);
        Task = Task.Run(() => Source.RunAsync(Sink, _stop.Token));
    }

    public ICounterSource Source { get; }

    public RecordingSink Sink { get; } = new();

    /// <summary>Ends when the source stops by itself; cancelled by dispose.</summary>
    public Task Task { get; }

    public static RunningSource Start(Func<Func<double>, ICounterSource> create) => new(create);

    public double Now() => _clock.Elapsed.TotalSeconds;

    /// <summary>Polls until the condition holds; false when the limit passes first (a loaded machine gets a generous one).</summary>
    public async Task<bool> WaitForAsync(Func<RecordingSink, bool> condition, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (condition(Sink)) return true;
            if (Task.IsCompleted) return condition(Sink);
            await System.Threading.Tasks.Task.Delay(100);
        }
        return condition(Sink);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await Task; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
