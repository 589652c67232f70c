namespace LoadLeak.IntegrationTests.Accuracy;

/// <summary>
/// One row of the accuracy matrix: a leak mode of the bundled target and what the verdict must say.
/// <paramref name="Resource"/> is the resource that must be flagged (null for clean modes);
/// <paramref name="Scenario"/> the protocol the growth must be blamed on, when only one protocol leaks;
/// <paramref name="PhaseCopies"/> the copies of the phase the growth must be attributed to, where the growth
/// rate differs between phases (a path-only leak grows fastest while its protocol is at its peak).
/// </summary>
public sealed record MatrixCase(string Mode, bool IsLeak, string? Resource = null, string? Scenario = null, int? PhaseCopies = null)
{
    /// <summary>The copies of each protocol's peak phases in configs/accuracy-matrix.json.</summary>
    public const int PeakCopies = 24;

    public override string ToString() => Mode;

    /// <summary>
    /// Every leak mode of samples/TargetService/Leaks and every clean look-alike. The config puts each
    /// protocol at 24 copies in turn (the others at 8), so a path-only leak grows fastest in a phase
    /// where its protocol is at 24.
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
        new("grpc-only", true, "heap", "grpc", PeakCopies),
        new("kafka-only", true, "heap", "kafka", PeakCopies),
        new("none", false),
        new("bounded-cache", false),
        new("one-time", false),
        new("sawtooth", false),
    ];
}
