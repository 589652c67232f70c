using System.Diagnostics;
using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Breadth-first walk of the object graph from the roots. It marks the live set (a dump also
/// holds garbage not yet collected) in a bitset over the heap's slots, hands every live object
/// to the census as it is reached, and keeps for each one only its slot and the id of the object
/// it was first reached from (8 bytes), which gives every live object its shortest path to a
/// root. Arrays are read in chunks (<see cref="ArrayReferences"/>). Bounded in objects and time:
/// a walk cut short leaves <see cref="Complete"/> false.
/// </summary>
internal sealed class ReachabilityWalk
{
    private readonly ClrHeap _heap;
    private readonly HeapSlots _slots;
    private readonly ChunkedList<WalkLink> _links = new();
    private readonly ChunkedQueue _queue = new();
    private readonly TypeCensus _census;

    private ReachabilityWalk(ClrHeap heap, HeapSlots slots, TypeCensus census)
    {
        _heap = heap;
        _slots = slots;
        _census = census;
    }

    public bool Complete { get; private set; }

    public long Visited => _links.Count;

    /// <summary>Bytes the walk held at its largest: links, mark bits and the queue's peak.</summary>
    public long PeakBytes => _links.Bytes + _slots.MarkBytes + _queue.Peak * sizeof(int);

    public bool IsLive(ulong address) => _slots.SlotOf(address) is var slot and >= 0 && _slots.IsMarked(slot);

    public static ReachabilityWalk Run(ClrHeap heap, RootCatalog roots, HeapSlots slots, TypeCensus census, long maxObjects, TimeSpan maxTime)
    {
        var walk = new ReachabilityWalk(heap, slots, census);
        foreach (var seed in roots.Seeds) walk.Reach(seed.Object.Address, seed.Object.Type, -1 - seed.LabelIndex);
        var arrays = new ArrayReferences(heap);
        var dependents = DependentTargets(heap.Runtime);
        var limit = Math.Min(maxObjects, int.MaxValue - 1);
        var clock = Stopwatch.StartNew();
        long processed = 0;
        while (walk._queue.TryDequeue(out var id))
        {
            if (walk._links.Count > limit || ((++processed & 0xFFF) == 0 && clock.Elapsed > maxTime)) return walk;
            var address = slots.AddressOf(walk._links[id].Slot);
            var obj = heap.GetObject(address);
            if (obj.Type is not { } type) continue;
            if (arrays.LayoutOf(type) is { } layout)
            {
                arrays.ForEach(address, layout, (Walk: walk, Parent: id), static (s, child, _) => s.Walk.Reach(child, null, s.Parent));
                foreach (var target in dependents.GetValueOrDefault(address) ?? []) walk.Reach(target, null, id);
                continue;
            }
            foreach (var child in obj.EnumerateReferences(carefully: false, considerDependantHandles: true))
                walk.Reach(child.Address, child.Type, id);
        }
        walk.Complete = true;
        return walk;
    }

    /// <summary>Marks the object, numbers it, counts it and queues it when it holds references. Always true (keeps an array walk going).</summary>
    private bool Reach(ulong address, ClrType? type, int parent)
    {
        if (address == 0) return true;
        var slot = _slots.SlotOf(address);
        if (slot < 0 || !_slots.TryMark(slot)) return true;
        type ??= _heap.GetObjectType(address);
        if (type is null) return true;
        var id = _links.Add(new WalkLink(parent, (uint)slot));
        _census.Add(_heap.GetObject(address, type), id);
        // Objects without references (strings, byte[]) are counted but never queued.
        if (type.ContainsPointers) _queue.Enqueue(id);
        return true;
    }

    /// <summary>ConditionalWeakTable entries keep their value alive through their key: ClrMD reports them
    /// for ordinary objects, these cover arrays used as keys.</summary>
    private static Dictionary<ulong, List<ulong>> DependentTargets(ClrRuntime runtime)
    {
        var map = new Dictionary<ulong, List<ulong>>();
        foreach (var handle in runtime.EnumerateHandles())
        {
            if (handle.HandleKind != ClrHandleKind.Dependent || handle.Object.IsNull || handle.Dependent.IsNull) continue;
            if (!map.TryGetValue(handle.Object.Address, out var targets)) map[handle.Object.Address] = targets = [];
            targets.Add(handle.Dependent.Address);
        }
        return map;
    }

    /// <summary>The chain of addresses from the root-seeded object down to the object with walk id
    /// <paramref name="id"/>, and the root's label index.</summary>
    public (IReadOnlyList<ulong> Chain, int RootLabel)? ChainTo(int id, int maxDepth = 100_000)
    {
        if (id < 0 || id >= _links.Count) return null;
        var chain = new List<ulong>();
        var current = id;
        while (chain.Count < maxDepth)
        {
            var link = _links[current];
            chain.Add(_slots.AddressOf(link.Slot));
            if (link.Parent < 0)
            {
                chain.Reverse();
                return (chain, -1 - link.Parent);
            }
            current = link.Parent;
        }
        return null;
    }
}
