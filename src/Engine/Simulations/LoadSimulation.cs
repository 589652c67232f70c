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

public sealed record RampingConstant(int Copies, TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Closed;
    public override string Describe() => $"RampingConstant({Copies}, {During:c})";
}

public sealed record KeepConstant(int Copies, TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Closed;
    public override string Describe() => $"KeepConstant({Copies}, {During:c})";
}

public sealed record IterationsForConstant(int Copies, int Iterations) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Closed;
    public override string Describe() => $"IterationsForConstant({Copies}, {Iterations})";
}

public sealed record Inject(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Open;
    public override string Describe() => $"Inject({Rate}, {Interval:c}, {During:c})";
}

public sealed record RampingInject(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Open;
    public override string Describe() => $"RampingInject({Rate}, {Interval:c}, {During:c})";
}

public sealed record InjectRandom(int MinRate, int MaxRate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Open;
    public override string Describe() => $"InjectRandom({MinRate}, {MaxRate}, {Interval:c}, {During:c})";
}

public sealed record IterationsForInject(int Rate, TimeSpan Interval, int Iterations) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Open;
    public override string Describe() => $"IterationsForInject({Rate}, {Interval:c}, {Iterations})";
}

public sealed record Pause(TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Pause;
    public override string Describe() => $"Pause({During:c})";
}
