namespace LoadLeak.Engine.Simulations;

public sealed record RampingInject(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Open;
    public override string Describe() => $"RampingInject({Rate}, {Interval:c}, {During:c})";
}
