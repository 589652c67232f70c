namespace LoadLeak.Engine.Stats;

/// <summary>
/// One scenario's figures for one phase over one reporting interval (a row never spans two phases). T is the end
/// of the span it covers, in run seconds: the tick, or the phase's end for the phase's last row; Rps is over that span.
/// </summary>
public sealed record IntervalRow(
    double T,
    string Scenario,
    string Phase,
    long Ok,
    long Fail,
    double Rps,
    LatencySummary Latency,
    LatencySummary LatencyUncorrected,
    int Concurrency,
    double TargetRate,
    long Late,
    long Dropped,
    long BytesReceived);
