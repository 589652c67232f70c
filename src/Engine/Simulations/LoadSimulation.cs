namespace LoadLeak.Engine.Simulations;

/// <summary>
/// NBomber's load simulations. Closed model: a number of copies loop as fast as they can.
/// Open model: iterations are injected at a rate, whether or not earlier ones have finished.
/// Each simulation becomes one named load phase on the run's clock.
/// </summary>
public abstract record LoadSimulation
{
    /// <summary>True for the open (injection) model; Pause is neither and returns null.</summary>
    public abstract bool? IsOpenModel { get; }

    /// <summary>Name used in the phase timeline, e.g. "RampingConstant(100, 00:00:30)".</summary>
    public abstract string Describe();
}
