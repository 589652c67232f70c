namespace LoadLeak.Engine.Simulations;

public sealed record InjectRandom(int MinRate, int MaxRate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Open;
    public override string Describe() => $"InjectRandom({MinRate}, {MaxRate}, {Interval:c}, {During:c})";
}
