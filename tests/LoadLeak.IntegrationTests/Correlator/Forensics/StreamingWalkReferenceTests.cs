using LoadLeak.Correlator.Forensics;
using Microsoft.Diagnostics.Runtime;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Correlator.Forensics;

/// <summary>
/// The analysis keeps per-object state small (a mark bit per heap word, 8 bytes per live object, arrays read in
/// chunks) so a 1 GB dump fits in the runner's budget. This checks, on a real dump with garbage in it, that it
/// finds exactly what the plain way finds: a hash set of addresses and ClrMD's own reference enumeration from the
/// same roots. Needed beside the leak tests because they only check the top grower, not every type's tally.
/// </summary>
public sealed class StreamingWalkReferenceTests(ITestOutputHelper output)
{
    [Fact(Timeout = 60_000)]
    public async Task Per_type_counts_and_bytes_match_a_plain_walk_of_the_same_dump()
    {
        await using var app = await LeakyProcess.StartAsync("static-cache");
        await app.SendAsync("grow 3000 1024");
        // The dropped request buffers stay on the heap as garbage: the walk must not count them.
        await app.SendAsync("drop");
        using var snapshotter = new HeapSnapshotter(new HeapSnapshotOptions { KeepDumps = true });
        var snapshot = await snapshotter.TakeAsync(app.Pid, "reference", 0, CancellationToken.None);
        var dump = snapshot.DumpPath!;
        try
        {
            var options = new HeapSnapshotOptions { PathTypes = ["System.Byte[]"] };
            var analysis = DumpAnalyzer.Analyze(dump, baseline: null, options);
            var (expected, heapObjects) = PlainWalk(dump);
            output.WriteLine($"{analysis.Objects} live objects of {heapObjects} on the heap, {expected.Count} types");

            Assert.True(analysis.LiveOnly);
            Assert.True(heapObjects > analysis.Objects, "the dump should hold garbage for this test to mean anything");
            Assert.Equal(expected.Values.Sum(s => s.Count), analysis.Objects);
            Assert.Equal(expected.Values.Sum(s => s.Bytes), analysis.HeapBytes);
            Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), analysis.Types.OrderBy(e => e.Key, StringComparer.Ordinal));
            Assert.True(analysis.Types["System.Byte[]"].Count >= 3000);
            Assert.Contains(analysis.RetentionPaths, p => p.Type == "System.Byte[]" && p.Root == "static LeakyApp.StaticCacheLeak.Cache");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dump)!, recursive: true);
        }
    }

    /// <summary>Breadth-first from the analysis's roots with a hash set and ClrMD's reference enumeration; frozen
    /// objects (literals) count as live as the analysis counts them. Returns the tallies and all objects on the heap.</summary>
    private static (Dictionary<string, TypeStat> Types, long HeapObjects) PlainWalk(string dump)
    {
        using var target = DataTarget.LoadDump(dump);
        using var runtime = DumpAnalyzer.CreateRuntime(target.ClrVersions[0]);
        var heap = runtime.Heap;
        var seen = new HashSet<ulong>();
        var queue = new Queue<ClrObject>();
        foreach (var seed in RootCatalog.Build(runtime).Seeds)
            if (seen.Add(seed.Object.Address)) queue.Enqueue(seed.Object);
        while (queue.TryDequeue(out var obj))
        {
            foreach (var child in obj.EnumerateReferences(carefully: false, considerDependantHandles: true))
                if (child.Address != 0 && heap.GetSegmentByAddress(child.Address) is not null && seen.Add(child.Address)) queue.Enqueue(child);
        }
        var types = new Dictionary<string, TypeStat>(StringComparer.Ordinal);
        long heapObjects = 0;
        foreach (var segment in heap.Segments)
        {
            foreach (var obj in segment.EnumerateObjects())
            {
                if (obj.IsFree || obj.Type is null) continue;
                heapObjects++;
                if (!seen.Contains(obj.Address) && segment.Kind != GCSegmentKind.Frozen) continue;
                var name = TypeNames.Of(obj.Type);
                types.TryGetValue(name, out var sum);
                types[name] = new TypeStat(sum.Count + 1, sum.Bytes + (long)obj.Size);
            }
        }
        return (types, heapObjects);
    }
}
