using HdrHistogram;
using LoadLeak.Engine.Scenarios;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// The totals of one named step. The latency histogram's count is the Ok count, so a successful step
/// costs one histogram record and nothing else; a failed one costs one Interlocked add.
/// </summary>
internal sealed class StepMeter(string name)
{
    private readonly HistogramBase _latency = LatencyHistograms.NewConcurrentHistogram();
    private long _fail;

    public string Name { get; } = name;

    public void Record(Response response, double elapsedMs)
    {
        var count = Math.Max(1, response.Count);
        if (response.IsOk) _latency.RecordValueWithCount(LatencyHistograms.ToMicros(response.CustomLatencyMs ?? elapsedMs), count);
        else Interlocked.Add(ref _fail, count);
    }

    public StepStats Summarize() => new(Name, _latency.TotalCount, Interlocked.Read(ref _fail), LatencyHistograms.Summarize(_latency));
}
