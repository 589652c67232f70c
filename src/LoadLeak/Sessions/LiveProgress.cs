using System.Globalization;
using System.Text;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>
/// The live console: every few seconds one line with each scenario's phase, concurrency or rate,
/// RPS, p99 and errors, and the target's heap and threads as the correlator last saw them.
/// </summary>
internal sealed class LiveProgress(Cli.IUserConsole console, Func<TargetSample?> latestSample, int everySeconds) : IEngineObserver
{
    private double _lastPrinted = double.NegativeInfinity;

    public void OnPhaseStarted(PhaseRecord phase) =>
        console.Progress(string.Create(CultureInfo.InvariantCulture,
            $"[{phase.Start,6:0.0}s] {phase.Scenario}: phase '{phase.Name}' ({phase.Kind.ToJsonName()})"));

    public void OnInterval(IReadOnlyList<IntervalRow> rows)
    {
        if (rows.Count == 0) return;
        var t = rows[0].T;
        if (t - _lastPrinted < everySeconds - 0.01) return;
        _lastPrinted = t;
        console.Progress(Format(t, rows, latestSample()));
    }

    internal static string Format(double t, IReadOnlyList<IntervalRow> rows, TargetSample? sample)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"[{t,6:0.0}s]");
        foreach (var row in rows)
        {
            var load = row.TargetRate > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{row.TargetRate:0}/s")
                : string.Create(CultureInfo.InvariantCulture, $"{row.Concurrency}c");
            // Latency histograms hold successful responses only: an interval without any (a broker outage) has no p99, not 0.
            var p99 = row.Ok > 0 ? row.P99.ToString("0.0", CultureInfo.InvariantCulture) : "–";
            line.Append(CultureInfo.InvariantCulture,
                $" {row.Scenario}: {load} {row.Rps,7:0} rps p99 {p99,6} ms err {row.Fail} |");
        }
        if (sample is null) line.Append(" target: no sample yet");
        else
        {
            line.Append(" target:");
            if (sample.GcHeapBytes is { } heap) line.Append(CultureInfo.InvariantCulture, $" heap {heap / 1048576.0:0.0} MB");
            if (sample.RssBytes is { } rss) line.Append(CultureInfo.InvariantCulture, $" rss {rss / 1048576.0:0} MB");
            if (sample.Threads is { } threads) line.Append(CultureInfo.InvariantCulture, $" threads {threads:0}");
            if (sample.Goroutines is { } goroutines) line.Append(CultureInfo.InvariantCulture, $" goroutines {goroutines:0}");
        }
        return line.ToString();
    }
}
