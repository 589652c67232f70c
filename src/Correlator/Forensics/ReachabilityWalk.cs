using System.Diagnostics;
using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Breadth-first walk of the object graph from the roots, remembering for each object the
/// object it was first reached from. That marks the live set (a dump also holds garbage not
/// yet collected) and gives every live object its shortest path to a root in one pass.
/// Bounded in objects and time: a walk cut short leaves <see cref="Complete"/> false.
/// </summary>
internal sealed class ReachabilityWalk
{
    private const ulong RootFlag = 1UL << 63;
    private readonly AddressMap _parent = new();

    public bool Complete { get; private set; }

    public long Visited => _parent.Count;

    public bool IsLive(ulong address) => _parent.Contains(address);

    public static ReachabilityWalk Run(RootCatalog roots, long maxObjects, TimeSpan maxTime)
    {
        var walk = new ReachabilityWalk();
        var queue = new Queue<ClrObject>();
        foreach (var seed in roots.Seeds)
        {
            if (walk._parent.TryAdd(seed.Object.Address, RootFlag | (uint)seed.LabelIndex) && seed.Object.ContainsPointers) queue.Enqueue(seed.Object);
        }
        var clock = Stopwatch.StartNew();
        long processed = 0;
        while (queue.Count > 0)
        {
            if ((++processed & 0xFFF) == 0 && (walk._parent.Count > maxObjects || clock.Elapsed > maxTime)) return walk;
            var current = queue.Dequeue();
            foreach (var child in current.EnumerateReferences(carefully: false, considerDependantHandles: true))
            {
                // Objects without references (strings, byte[]) are marked but never queued.
                if (child.Address != 0 && walk._parent.TryAdd(child.Address, current.Address) && child.ContainsPointers) queue.Enqueue(child);
            }
        }
        walk.Complete = true;
        return walk;
    }

    /// <summary>The chain from the root-seeded object down to <paramref name="address"/>, and the root's label index.</summary>
    public (IReadOnlyList<ulong> Chain, int RootLabel)? ChainTo(ulong address, int maxDepth = 100_000)
    {
        var chain = new List<ulong>();
        var current = address;
        while (chain.Count < maxDepth && _parent.TryGetValue(current, out var parent))
        {
            chain.Add(current);
            if ((parent & RootFlag) != 0)
            {
                chain.Reverse();
                return (chain, (int)(parent & ~RootFlag));
            }
            current = parent;
        }
        return null;
    }
}
