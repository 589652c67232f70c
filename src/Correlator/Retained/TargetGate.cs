using System.Collections.Concurrent;
using System.Diagnostics;

namespace LoadLeak.Correlator.Retained;

/// <summary>
/// One diagnostics operation that stops or collects a target at a time, whoever asks: a heap
/// dump (the target is stopped while createdump writes) and an induced full GC. A GC requested
/// during a dump otherwise waits inside the target's diagnostics server, outlives its timeout
/// and is reported missing although it ran later; serialised, it starts when the dump is done.
/// What holds the gate is known, so a counter gap can say the target was stopped on purpose.
/// Per process id, for the life of this process (a run has one or two targets).
/// </summary>
internal static class TargetGate
{
    private static readonly ConcurrentDictionary<int, Gate> Gates = new();

    /// <summary>Waits for the target's gate; dispose the lease to release it.</summary>
    public static async Task<IDisposable> EnterAsync(int pid, string purpose, CancellationToken ct)
    {
        var gate = Gates.GetOrAdd(pid, _ => new Gate());
        await gate.Semaphore.WaitAsync(ct).ConfigureAwait(false);
        lock (gate) gate.Holder = purpose;
        return new Lease(gate);
    }

    /// <summary>What held the target at some point within the last <paramref name="recent"/> ("a heap dump",
    /// "an induced full GC"); null when nothing did.</summary>
    public static string? HeldWithin(int pid, TimeSpan recent)
    {
        if (!Gates.TryGetValue(pid, out var gate)) return null;
        lock (gate)
        {
            if (gate.Holder is { } holder) return holder;
            return gate.LastHolder is { } last && Stopwatch.GetElapsedTime(gate.ReleasedAt) <= recent ? last : null;
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public string? Holder { get; set; }
        public string? LastHolder { get; set; }
        public long ReleasedAt { get; set; }
    }

    private sealed class Lease(Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            lock (gate)
            {
                gate.LastHolder = gate.Holder;
                gate.ReleasedAt = Stopwatch.GetTimestamp();
                gate.Holder = null;
            }
            gate.Semaphore.Release();
        }
    }
}
