namespace LoadLeak.Engine.Running;

public static class PhaseKinds
{
    public const string WarmUp = "warmup";
    public const string Load = "load";
    public const string Pause = "pause";
}

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
