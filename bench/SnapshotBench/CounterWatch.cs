using System.Globalization;
using LoadLeak.Correlator;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

/// <summary>
/// The correlator's runtime-counter session against the target across one snapshot, as a run has it:
/// how many counter gaps it reported and how many whole seconds had no runtime counters, beside the
/// target's measured stop. Started a few seconds before the snapshot and stopped a few after.
/// </summary>
internal sealed class CounterWatch : IAsyncDisposable
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(4);
    private readonly TargetCorrelator _correlator;
    private readonly RunClock _clock;
    private readonly double _from;

    private CounterWatch(TargetCorrelator correlator, RunClock clock, double from)
    {
        _correlator = correlator;
        _clock = clock;
        _from = from;
    }

    public static async Task<CounterWatch> StartAsync(int pid)
    {
        var clock = new RunClock();
        var correlator = await TargetCorrelator.StartAsync(pid, clock, new CorrelatorOptions(), CancellationToken.None);
        await Task.Delay(Margin);
        return new CounterWatch(correlator, clock, clock.Seconds);
    }

    /// <summary>"gaps/seconds without counters", e.g. "1/4"; the events go to <paramref name="log"/>.</summary>
    public async Task<string> StopAsync(TextWriter log)
    {
        var to = _clock.Seconds;
        await Task.Delay(Margin);
        var result = await _correlator.StopAsync();
        var gaps = result.Events.Count(e => e.Kind == EventKind.CounterGap);
        var silent = result.Samples.Count(s => s.T > _from && s.T <= to + 1 && s.GcHeapBytes is null);
        foreach (var e in result.Events)
            log.WriteLine(FormattableString.Invariant($"  counter event {e.T - _from:0.0} s after the snapshot began: {e.Kind} {e.Message}"));
        return string.Create(CultureInfo.InvariantCulture, $"{gaps}/{silent}");
    }

    public async ValueTask DisposeAsync() => await _correlator.DisposeAsync();
}
