namespace LoadLeak.Engine.Simulations;

public sealed record Pause(TimeSpan During) : LoadSimulation
{
    public override bool? IsOpenModel => null;
    public override string Describe() => $"Pause({During:c})";
}
