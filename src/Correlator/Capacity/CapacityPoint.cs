namespace LoadLeak.Correlator.Capacity;

/// <summary>One KeepConstant step of one scenario. Mirrors <c>CapacityPointDto</c>.</summary>
public sealed record CapacityPoint(string Scenario, double Concurrency, double Throughput, double P99Ms);
