using System.Diagnostics;

namespace TargetService.Query;

/// <summary>
/// GET /api/debug/retained: heap bytes after a full blocking GC, and the OS thread count. For tests that
/// check a leak fixture really retains (or really does not); LoadLeak's correlator measures from outside.
/// </summary>
public sealed record RetainedSnapshot(long HeapBytesAfterFullGc, int Threads)
{
    public static RetainedSnapshot Take()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new RetainedSnapshot(GC.GetTotalMemory(forceFullCollection: false), process.Threads.Count);
    }
}
