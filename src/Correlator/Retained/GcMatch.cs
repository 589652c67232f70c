using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace LoadLeak.Correlator.Retained;

/// <summary>
/// Picks the induced GC out of a session's GC events by its number, reason and generation, not
/// by timing: the first GC that starts as an induced, blocking collection of generation 2 is
/// the one, its GCHeapStats are the ones that arrive before the next GC starts, and it counts
/// once its GCEnd (same number) has been seen too. Background GCs, ephemeral GCs and GCs that
/// were already running when the session started are passed over. Not thread-safe: one
/// session's callbacks, in order.
/// </summary>
internal sealed class GcMatch
{
    private const int MaxTrace = 12;
    private readonly List<string> _trace = [];
    private long? _latestStarted;
    private double? _survived, _size;
    private bool _ended;

    /// <summary>The induced GC's number once its start was seen.</summary>
    public long? GcNumber { get; private set; }

    /// <summary>Bytes that survived the induced GC, once both its heap stats and its end were seen.</summary>
    public double? Survived => _ended ? _survived : null;

    /// <summary>The generations' sizes after it, free space included (what the post-GC heap counter repeats).</summary>
    public double? HeapSize => _ended ? _size : null;

    /// <summary>The GCs seen, for the note when none matched ("#41 gen1 AllocSmall NonConcurrentGC").
    /// A copy: the session's thread may still be adding when a timed-out caller reads it.</summary>
    public IReadOnlyList<string> Trace
    {
        get { lock (_trace) return [.. _trace]; }
    }

    public static bool IsInduced(GCReason reason) =>
        reason is GCReason.Induced or GCReason.InducedNotForced or GCReason.InducedCompacting or GCReason.InducedLowMemory;

    public void OnStart(long number, int depth, GCReason reason, GCType type)
    {
        lock (_trace)
        {
            if (_trace.Count < MaxTrace) _trace.Add($"#{number} gen{depth} {reason} {type}");
        }
        _latestStarted = number;
        if (GcNumber is null && depth == 2 && type == GCType.NonConcurrentGC && IsInduced(reason)) GcNumber = number;
    }

    /// <summary>Heap stats belong to the GC that started last: the induced GC is blocking, nothing else runs inside it.</summary>
    public void OnHeapStats(double survived, double size)
    {
        if (GcNumber is not { } number || _latestStarted != number) return;
        _survived = survived;
        _size = size;
    }

    public void OnEnd(long number)
    {
        if (GcNumber == number) _ended = true;
    }
}
