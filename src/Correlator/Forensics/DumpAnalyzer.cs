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

        var notes = new List<string>();
        var phases = new PhaseTimer();
        var roots = RootCatalog.Build(runtime);
        phases.Mark("roots");
        var walk = ReachabilityWalk.Run(roots, options.MaxWalkedObjects, options.MaxWalkTime);
        phases.Mark("walk");
        if (!walk.Complete)
            notes.Add($"reachability walk stopped after {walk.Visited.ToString(CultureInfo.InvariantCulture)} objects: counts include garbage, some paths may be missing");

        var census = TypeCensus.Take(heap, walk.Complete ? walk : null, options.PathSamplesPerType);
        // A Normal or Triage dump has the runtime's structures but not the GC heap's pages: no object is readable.
        if (census.Objects == 0) throw new InvalidOperationException("the dump holds no readable GC heap objects: heap snapshots need a WithHeap (or Full) dump");
        var types = census.Stats();
        phases.Mark("census");
        var finder = new RetentionPathFinder(heap, roots, walk);
        var paths = PathCandidates.Choose(types, baseline, options)
            .SelectMany(type => finder.Find(type, census.SamplesOf(type)))
            .ToList();
        phases.Mark("paths");
        notes.Add("analysis phases: " + phases);
        return new DumpAnalysis(census.Bytes, census.Objects, walk.Complete, types, census.Pending.Result(), paths, notes);
    }

    /// <summary>ClrMD 4.2 reads a .NET 10 dump's runtime version as 0.0 and cannot find the DAC
    /// itself; ours matches when the target runs on the same runtime, so point it there first.</summary>
    private static ClrRuntime CreateRuntime(ClrInfo clr)
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
