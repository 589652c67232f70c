namespace LoadLeak.Engine.Running;

/// <summary>
/// One load phase on the run's clock: a warm-up or one load simulation of one scenario.
/// Start and End are seconds since the run started.
/// </summary>
public sealed record PhaseRecord(
    string Name,
    string Scenario,
    string Kind,
    double Start,
    double End,
    string Simulation,
    int? Copies,
    double? Rate);
