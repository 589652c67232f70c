using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>
/// One step's totals over the measured part of the run (NBomber's step statistics). Ok and Fail count
/// operations as the step's responses report them; Latency holds successful steps only.
/// </summary>
public sealed record StepStats(
    string Name,
    long Ok,
    long Fail,
    [property: JsonPropertyName("latencyMs")] LatencySummary Latency);
