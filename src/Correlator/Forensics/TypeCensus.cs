using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// One pass over the heap: count and bytes per type (live objects only when the walk is
/// complete), pending async work, and a uniform sample of instances per type (reservoir
/// sampling) from which retention paths are drawn once the candidate types are known.
/// </summary>
internal sealed class TypeCensus
{
    private readonly Dictionary<ulong, TypeTally> _byMethodTable = new();
    private readonly Random _random = new(6);

    public long Objects { get; private set; }

    public long Bytes { get; private set; }

    public PendingTaskCounter Pending { get; } = new();

    public static TypeCensus Take(ClrHeap heap, ReachabilityWalk? live, int samplesPerType)
    {
        var census = new TypeCensus();
        foreach (var segment in heap.Segments)
        {
            // Frozen segments (string literals, RuntimeType objects) are never collected and not rooted.
            var alwaysLive = live is null || segment.Kind == GCSegmentKind.Frozen;
            foreach (var obj in segment.EnumerateObjects())
            {
                if (obj.IsFree || obj.Type is null) continue;
                if (!alwaysLive && !live!.IsLive(obj.Address)) continue;
                census.Add(obj, samplesPerType);
            }
        }
        return census;
    }

    private void Add(ClrObject obj, int samplesPerType)
    {
        var type = obj.Type!;
        if (!_byMethodTable.TryGetValue(type.MethodTable, out var tally))
        {
            tally = new TypeTally(TypeNames.Of(type));
            _byMethodTable[type.MethodTable] = tally;
        }
        var size = (long)obj.Size;
        tally.Count++;
        tally.Bytes += size;
        Objects++;
        Bytes += size;
        Sample(tally, obj.Address, samplesPerType);
        Pending.Inspect(obj);
    }

    private void Sample(TypeTally tally, ulong address, int capacity)
    {
        if (tally.Samples.Count < capacity) tally.Samples.Add(address);
        else
        {
            var slot = _random.NextInt64(tally.Count);
            if (slot < capacity) tally.Samples[(int)slot] = address;
        }
    }

    /// <summary>Per type name; distinct method tables with one name (rare) are merged.</summary>
    public Dictionary<string, TypeStat> Stats()
    {
        var stats = new Dictionary<string, TypeStat>(StringComparer.Ordinal);
        foreach (var tally in _byMethodTable.Values)
        {
            stats.TryGetValue(tally.Name, out var sum);
            stats[tally.Name] = new TypeStat(sum.Count + tally.Count, sum.Bytes + tally.Bytes);
        }
        return stats;
    }

    public IReadOnlyList<ulong> SamplesOf(string typeName) =>
        _byMethodTable.Values.Where(t => t.Name == typeName).SelectMany(t => t.Samples).ToList();

    private sealed class TypeTally(string name)
    {
        public string Name { get; } = name;
        public long Count { get; set; }
        public long Bytes { get; set; }
        public List<ulong> Samples { get; } = [];
    }
}
