namespace LoadLeak.Results;

/// <summary>One KeepConstant step of one scenario: its copies, mean throughput and request-weighted p99.</summary>
public sealed record CapacityPoint(string Scenario, double Concurrency, [property: Round3] double Throughput, [property: Round3] double P99Ms);
