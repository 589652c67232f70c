namespace LoadLeak.Engine.Running;

public static class PhaseKinds
{
    public const string WarmUp = "warmup";
    public const string Load = "load";
    public const string Pause = "pause";
}
