namespace LoadLeak.Engine.Simulations;

public sealed record RampingConstant(int Copies, TimeSpan During) : LoadSimulation
{
    public override bool? IsOpenModel => false;
    public override string Describe() => $"RampingConstant({Copies}, {During:c})";
}
