using System.Globalization;
using System.Runtime.InteropServices;
using LoadLeak.Results;
using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

/// <summary>What a dump showed, before it is labelled and timed as a <see cref="HeapSnapshot"/>.</summary>
internal sealed record DumpAnalysis(
    long HeapBytes, long Objects, bool LiveOnly, Dictionary<string, TypeStat> Types,
    IReadOnlyList<PendingTasks> PendingTasks, IReadOnlyList<RetentionPath> RetentionPaths, IReadOnlyList<string> Notes);

/// <summary>Opens a heap dump with ClrMD and reduces it to type statistics, pending tasks and retention paths.</summary>
internal static class DumpAnalyzer
{
    public static DumpAnalysis Analyze(string dumpPath, IReadOnlyDictionary<string, TypeStat>? baseline, HeapSnapshotOptions options)
    {
        using var dataTarget = DataTarget.LoadDump(dumpPath);
        var clr = dataTarget.ClrVersions.FirstOrDefault()
            ?? throw new InvalidOperationException($"no .NET runtime found in dump {dumpPath}");
        using var runtime = CreateRuntime(clr);
        var heap = runtime.Heap;
        if (!heap.CanWalkHeap) throw new HeapNotWalkableException();
        // A Normal or Triage dump has the runtime's structures (and what stacks point to) but not the GC heap's pages.
        if (!heap.EnumerateObjects().Any(o => !o.IsFree && o.Type is not null))
            throw new InvalidOperationException("the dump holds no readable GC heap objects: heap snapshots need a WithHeap (or Full) dump");

        var notes = new List<string>();
        var phases = new PhaseTimer();
        var roots = RootCatalog.Build(runtime);
        phases.Mark("roots");
        var reached = new TypeCensus(options.PathSamplesPerType);
        var walk = ReachabilityWalk.Run(heap, roots, HeapSlots.Of(heap), reached, options.MaxWalkedObjects, options.MaxWalkTime);
        phases.Mark("walk");
        var census = reached;
        if (walk.Complete) CountUnreachedFrozen(heap, walk, reached);
        else
        {
            notes.Add($"reachability walk stopped after {walk.Visited.ToString(CultureInfo.InvariantCulture)} objects: counts include garbage, " +
                "some paths may be missing");
            // The counts come from every object on the heap; paths still from the objects the walk reached.
            census = TypeCensus.TakeAll(heap);
            phases.Mark("census");
        }
        var types = census.Stats();
        var finder = new RetentionPathFinder(heap, roots, walk);
        var paths = PathCandidates.Choose(types, baseline, options)
            .SelectMany(type => finder.Find(type, reached.SamplesOf(type)))
            .ToList();
        phases.Mark("paths");
        notes.Add(FormattableString.Invariant(
            $"analysis phases: {phases}; {walk.Visited:N0} objects reached, walk held {walk.PeakBytes / 1048576.0:0} MB"));
        return new DumpAnalysis(census.Bytes, census.Objects, walk.Complete, types, census.Pending.Result(), paths, notes);
    }

    /// <summary>Frozen segments (string literals, RuntimeType objects) are never collected: their objects count
    /// as live even where no root reaches them.</summary>
    private static void CountUnreachedFrozen(ClrHeap heap, ReachabilityWalk walk, TypeCensus census)
    {
        foreach (var segment in heap.Segments.Where(s => s.Kind == GCSegmentKind.Frozen))
        {
            foreach (var obj in segment.EnumerateObjects())
            {
                if (!obj.IsFree && obj.Type is not null && !walk.IsLive(obj.Address)) census.Add(obj, -1);
            }
        }
    }

    /// <summary>ClrMD 4.2 reads a .NET 10 dump's runtime version as 0.0 and cannot find the DAC
    /// itself; ours matches when the target runs on the same runtime, so point it there first.</summary>
    internal static ClrRuntime CreateRuntime(ClrInfo clr)
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dacPath = Path.Combine(runtimeDir, DacFileName());
        if (File.Exists(dacPath))
        {
            try
            {
                return clr.CreateRuntime(dacPath, ignoreMismatch: true);
            }
            catch (Exception e) when (e is InvalidOperationException or ClrDiagnosticsException or DllNotFoundException)
            {
                // Fall through: ClrMD may still locate a matching DAC on its own.
            }
        }
        return clr.CreateRuntime();
    }

    private static string DacFileName() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "mscordaccore.dll"
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "libmscordaccore.dylib"
        : "libmscordaccore.so";
}
