namespace LoadLeak.Engine.Simulations;

public sealed record KeepConstant(int Copies, TimeSpan During) : LoadSimulation
{
    public override bool? IsOpenModel => false;
    public override string Describe() => $"KeepConstant({Copies}, {During:c})";
}
