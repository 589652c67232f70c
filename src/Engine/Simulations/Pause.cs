namespace LoadLeak.Engine.Simulations;

public sealed record Pause(TimeSpan During) : LoadSimulation
{
    public override LoadModel Model => LoadModel.Pause;
    public override string Describe() => $"Pause({During:c})";
}
