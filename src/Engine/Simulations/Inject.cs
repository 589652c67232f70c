namespace LoadLeak.Engine.Simulations;

public sealed record Inject(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Open;
    public override string Describe() => $"Inject({Rate}, {Interval:c}, {During:c})";
}
