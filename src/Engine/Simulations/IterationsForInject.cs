namespace LoadLeak.Engine.Simulations;

public sealed record IterationsForInject(int Rate, TimeSpan Interval, int Iterations) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Open;
    public override string Describe() => $"IterationsForInject({Rate}, {Interval:c}, {Iterations})";
}
