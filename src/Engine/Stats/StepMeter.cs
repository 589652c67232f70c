using LoadLeak.Engine.Api;
using LoadLeak.Results;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// The totals of one named step. The latency counts are the Ok count, so a successful step costs one
/// Interlocked add and nothing else; a failed one costs one too.
/// </summary>
internal sealed class StepMeter(string name)
{
    private readonly StepLatencies _latency = new();
    private long _fail;

    public string Name { get; } = name;

    /// <param name="elapsedMicros">The step's own measure; a response's CustomLatencyMs replaces it.</param>
    public void Record(Response response, long elapsedMicros)
    {
        var count = Math.Max(1, response.Count);
        if (!response.IsOk) Interlocked.Add(ref _fail, count);
        else _latency.Record(response.CustomLatencyMs is { } custom ? LatencyHistograms.ToMicros(custom) : elapsedMicros, count);
    }

    public StepStats Summarize()
    {
        var latency = _latency.ToHistogram();
        return new StepStats(Name, latency.TotalCount, Interlocked.Read(ref _fail), LatencyHistograms.Summarize(latency));
    }
}
