namespace LoadLeak.Engine.Simulations;

/// <summary>
/// NBomber's load simulations. Closed model: a number of copies loop as fast as they can.
/// Open model: iterations are injected at a rate, whether or not earlier ones have finished.
/// Each simulation becomes one named load phase on the run's clock.
/// </summary>
public abstract record LoadSimulation
{
    /// <summary>Closed (copies) or open (injection); Pause is neither.</summary>
    public abstract LoadModel Model { get; }

    /// <summary>Name used in the phase timeline, e.g. "RampingConstant(100, 00:00:30)".</summary>
    public abstract string Describe();
}
