namespace LoadLeak.Engine.Stats;

/// <summary>One scenario's figures for one reporting interval. T is the interval's end, in run seconds.</summary>
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
