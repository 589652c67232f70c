using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>
/// One scenario's figures for one reporting interval. T is the interval's end, in run seconds. Latencies are
/// of successful responses only: with Ok = 0 they are 0 and mean "none".
/// </summary>
public sealed record IntervalRow(
    [property: Round3] double T,
    string Scenario,
    string Phase,
    long Ok,
    long Fail,
    [property: Round3] double Rps,
    [property: Round3] double P50,
    [property: Round3] double P99,
    [property: Round3] double P99Uncorrected,
    int Concurrency,
    [property: Round3] double TargetRate,
    long Late,
    long Dropped)
{
    [JsonIgnore]
    public long BytesReceived { get; init; }
}
