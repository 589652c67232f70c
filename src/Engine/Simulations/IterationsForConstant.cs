namespace LoadLeak.Engine.Simulations;

public sealed record IterationsForConstant(int Copies, int Iterations) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Closed;
    public override string Describe() => $"IterationsForConstant({Copies}, {Iterations})";
}
