using System.Globalization;

namespace LeakyApp;

/// <summary>
/// Self-driven mode for issue 17's service: each request blocks a thread-pool thread (a synchronous wait) and then
/// queues the next one, per copy. One copy during the warm-up, then 4, 8 and 16 copies, then none (the cool-down);
/// each phase is announced on stdout as "phase NAME COPIES" so the test stamps it on its own clock. With
/// <c>holdBytes</c> &gt; 0 each request also keeps that many bytes in a static list: a real leak beside the pool.
/// </summary>
internal static class BlockingPool
{
    private static readonly List<byte[]> Held = [];
    private static int _copies;
    private static int _holdBytes;

    public static void Run(int warmUpSeconds, int phaseSeconds, int coolDownSeconds, int holdBytes)
    {
        _holdBytes = holdBytes;
        Phase("warmup", 1, warmUpSeconds);
        foreach (var copies in new[] { 4, 8, 16 }) Phase(string.Create(CultureInfo.InvariantCulture, $"copies-{copies}"), copies, phaseSeconds);
        Phase("cool-down", 0, coolDownSeconds);
        Console.WriteLine("done");
        lock (Held) GC.KeepAlive(Held);
    }

    private static void Phase(string name, int copies, int seconds)
    {
        var before = Interlocked.Exchange(ref _copies, copies);
        for (var id = before; id < copies; id++)
        {
            var copy = id;
            ThreadPool.QueueUserWorkItem(_ => Request(copy));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phase {name} {copies}"));
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
    }

    private static void Request(int copy)
    {
        if (copy >= Volatile.Read(ref _copies)) return;
        Thread.Sleep(50);
        if (_holdBytes > 0)
        {
            var block = new byte[_holdBytes];
            block[0] = 1;
            lock (Held) Held.Add(block);
        }
        ThreadPool.QueueUserWorkItem(_ => Request(copy));
    }
}
