using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Count and bytes per type, pending async work, and a uniform sample of instances per type
/// (reservoir sampling, by walk id) from which retention paths are drawn once the candidate
/// types are known. Fed object by object as the reachability walk finds them, so its memory
/// is per type, not per object.
/// </summary>
internal sealed class TypeCensus(int samplesPerType)
{
    private readonly Dictionary<ulong, TypeTally> _byMethodTable = new();
    private readonly Random _random = new(6);

    public long Objects { get; private set; }

    public long Bytes { get; private set; }

    public PendingTaskCounter Pending { get; } = new();

    /// <summary>Every object of the heap, garbage included: the fallback when the walk ran out of budget.</summary>
    public static TypeCensus TakeAll(ClrHeap heap)
    {
        var census = new TypeCensus(0);
        foreach (var segment in heap.Segments)
        {
            foreach (var obj in segment.EnumerateObjects())
            {
                if (!obj.IsFree && obj.Type is not null) census.Add(obj, -1);
            }
        }
        return census;
    }

    /// <summary>Counts <paramref name="obj"/>; <paramref name="walkId"/> ≥ 0 makes it a candidate sample.</summary>
    public void Add(ClrObject obj, int walkId)
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
        if (walkId >= 0) Sample(tally, walkId);
        Pending.Inspect(obj);
    }

    private void Sample(TypeTally tally, int walkId)
    {
        tally.Seen++;
        if (tally.Samples.Count < samplesPerType) tally.Samples.Add(walkId);
        else if (samplesPerType > 0)
        {
            var slot = _random.NextInt64(tally.Seen);
            if (slot < samplesPerType) tally.Samples[(int)slot] = walkId;
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

    /// <summary>Walk ids of the sampled instances of <paramref name="typeName"/>.</summary>
    public IReadOnlyList<int> SamplesOf(string typeName) =>
        _byMethodTable.Values.Where(t => t.Name == typeName).SelectMany(t => t.Samples).ToList();

    private sealed class TypeTally(string name)
    {
        public string Name { get; } = name;
        public long Count { get; set; }
        public long Bytes { get; set; }
        /// <summary>Instances offered for sampling (those with a walk id).</summary>
        public long Seen { get; set; }
        public List<int> Samples { get; } = [];
    }
}
