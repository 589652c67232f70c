namespace LeakyApp;

/// <summary>
/// Self-driven mode for the correlator's end-to-end tests: holds one more 1 MB array every step until
/// <c>holdMb</c> are held, churning 200 KB of garbage per step, for at most 60 s (no stdin needed).
/// </summary>
internal static class SteadyGrowth
{
    public static void Run(int holdMb, int stepMs)
    {
        var held = new List<byte[]>();
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (deadline.Elapsed.TotalSeconds < 60)
        {
            if (held.Count < holdMb)
            {
                var block = new byte[1024 * 1024];
                block[0] = 1;
                held.Add(block);
            }
            for (var i = 0; i < 200; i++)
            {
                var garbage = new byte[1024];
                garbage[0] = 1;
            }
            Thread.Sleep(stepMs);
        }
        GC.KeepAlive(held);
    }
}
