namespace LoadLeak.Engine.Simulations;

public sealed record RampingConstant(int Copies, TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Closed;
    public override string Describe() => $"RampingConstant({Copies}, {During:c})";
}
