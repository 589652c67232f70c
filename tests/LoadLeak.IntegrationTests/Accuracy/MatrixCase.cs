namespace LoadLeak.IntegrationTests.Accuracy;

/// <summary>
/// One row of the accuracy matrix: a leak mode of the bundled target and what the verdict must say.
/// <paramref name="Resource"/> is the resource that must be flagged (null for clean modes);
/// <paramref name="Scenario"/> the protocol the growth must be blamed on, when only one protocol leaks;
/// <paramref name="Phase"/> the phase it must be attributed to, when the growth rate differs between phases.
/// </summary>
public sealed record MatrixCase(string Mode, bool IsLeak, string? Resource = null, string? Scenario = null, string? Phase = null)
{
    public override string ToString() => Mode;

    /// <summary>
    /// Every leak mode of samples/TargetService/Leaks and every clean look-alike. The config steps each
    /// protocol up in a different phase (http in 1, grpc in 2, kafka in 3), so a path-only leak grows
    /// fastest in the phase where its protocol is at 24 copies.
    /// </summary>
    public static IReadOnlyList<MatrixCase> All { get; } =
    [
        new("static-cache", true, "heap"),
        new("pending-tasks", true, "heap"),
        new("stale-pool", true, "heap"),
        new("context-list", true, "heap"),
        // Each leaked timer also roots its callback state, so the heap may be flagged as well: both are true.
        new("timers", true, "timers"),
        new("threads", true, "threads"),
        new("grpc-only", true, "heap", "grpc", "2 KeepConstant(24, 00:00:07)"),
        new("kafka-only", true, "heap", "kafka", "3 KeepConstant(24, 00:00:07)"),
        new("none", false),
        new("bounded-cache", false),
        new("one-time", false),
        new("sawtooth", false),
    ];
}
