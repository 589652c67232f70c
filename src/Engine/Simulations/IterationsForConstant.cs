namespace LoadLeak.Engine.Simulations;

public sealed record IterationsForConstant(int Copies, int Iterations) : LoadSimulation
{
    public override bool? IsOpenModel => false;
    public override string Describe() => $"IterationsForConstant({Copies}, {Iterations})";
}
