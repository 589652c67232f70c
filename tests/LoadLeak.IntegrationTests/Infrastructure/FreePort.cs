namespace LoadLeak.IntegrationTests.Infrastructure;

internal static class FreePort
{
    /// <summary>A loopback port nobody listens on right now, never one handed out before in this process.</summary>
    public static int Next() => global::LoadLeak.Targets.FreePort.Next();
}
