namespace LoadLeak.Engine.Simulations;

public sealed record KeepConstant(int Copies, TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Closed;
    public override string Describe() => $"KeepConstant({Copies}, {During:c})";
}
