using System.Diagnostics;
using System.Globalization;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Correlator.Sampling.Go;
using LoadLeak.Correlator.Sampling.Prometheus;
using LoadLeak.Results;

// Runs one of LoadLeak's Go-target sources against a URL for a while, as a run would, and says how many readings it
// delivered. Usage (see bench/go-sampling.sh): GoSamplingBench pprof|metrics URL SECONDS [INTERVAL_MS=1000]
if (args.Length < 3 || args[0] is not ("pprof" or "metrics"))
{
    Console.Error.WriteLine("usage: GoSamplingBench pprof|metrics URL SECONDS [INTERVAL_MS=1000]");
    return 2;
}
var url = new Uri(args[1]);
var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
var interval = TimeSpan.FromMilliseconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1000);
var clock = Stopwatch.StartNew();
double Now() => clock.Elapsed.TotalSeconds;
ICounterSource source = args[0] == "pprof" ? new PprofSource(url, Now, interval) : new PrometheusSource(url, Now, interval);
var sink = new CountingSink(new CollectingSink(new SampleTable()));
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
try
{
    await source.RunAsync(sink, stop.Token);
}
catch (OperationCanceledException)
{
}
var inner = sink.Inner;
Console.WriteLine(FormattableString.Invariant(
    $"{source.Name}: scrapes {sink.Scrapes} in {Now():0.0} s, {inner.Table.Build().Count} seconds sampled, {inner.Notes.Count} notes, {inner.Events.Count} events"));
foreach (var note in inner.Notes) Console.WriteLine("note: " + note);
return inner.Notes.Count == 0 ? 0 : 1;

/// <summary>Counts the polls that delivered a goroutine count (one per scrape of either source).</summary>
internal sealed class CountingSink(CollectingSink inner) : IMeasurementSink
{
    private long _scrapes;

    public CollectingSink Inner { get; } = inner;

    public long Scrapes => Interlocked.Read(ref _scrapes);

    public void Add(Measurement measurement)
    {
        if (measurement.Name == MetricNames.Goroutines) Interlocked.Increment(ref _scrapes);
        Inner.Add(measurement);
    }

    public void AddEvent(TimelineEvent correlatorEvent) => Inner.AddEvent(correlatorEvent);

    public void AddNote(string note) => Inner.AddNote(note);
}
