using LoadLeak.Cli;
using LoadLeak.Correlator;
using LoadLeak.Documents;
using LoadLeak.Engine.Running;
using LoadLeak.Targets;

namespace LoadLeak.Sessions;

/// <summary>
/// Everything that watches the load while it runs, fanned out as one engine observer: the live console, the
/// retained-heap probe, the correlator's events on the timeline, the result stream on disk and the heap snapshots.
/// </summary>
internal sealed class LoadObservers : IDisposable
{
    public LoadObservers(RunPlan plan, ITarget target, ITargetSampler sampler, RunClock clock, TimelineEvents timeline,
        IUserConsole console, CancellationToken load)
    {
        Retained = new RetainedHeapProbe(sampler, clock, plan.Options.RetainedGc == RetainedGcMode.Boundaries, load);
        Stream = new ResultStream(plan.OutDir,
            new RunHeader(plan.RunId, clock.StartedAt, RunDocumentBuilder.Metadata(plan, target)), () => sampler.Latest);
        Heap = plan.Snapshots ? SnapshotProbe(plan, target, sampler, clock, console, load) : null;
        Observer = new CompositeEngineObserver(
            [new LiveProgress(console, () => sampler.Latest, plan.Options.ProgressEverySeconds), Retained,
             new CorrelatorEventRelay(sampler, timeline), Stream, .. Heap is null ? Array.Empty<IEngineObserver>() : [Heap]], console);
    }

    public RetainedHeapProbe Retained { get; }
    public ResultStream Stream { get; }
    /// <summary>Null unless --snapshots (or soak) asked for heap snapshots.</summary>
    public ISnapshotProbe? Heap { get; }
    public IEngineObserver Observer { get; }

    /// <summary>.NET: heap dumps; Go: pprof profiles; anything else: one console line and a note, never silence.</summary>
    private static ISnapshotProbe SnapshotProbe(
        RunPlan plan, ITarget target, ITargetSampler sampler, RunClock clock, IUserConsole console, CancellationToken load)
    {
        if (sampler is ISnapshotSource source && source.SnapshotProbe(console, load) is { } elsewhere) return elsewhere;
        if (sampler.IsDotNet) return new HeapSnapshotProbe(target.Pid, clock, console, plan.KeepDumps, load);
        if (plan.Endpoints.Pprof is { } pprof)
        {
            console.Info($"--snapshots: Go target: goroutine?debug=1 and heap?gc=1 from {pprof} at baseline, peak and after cool-down");
            return new GoSnapshotProbe(new Uri(pprof), clock, console, load);
        }
        const string why = "--snapshots: this target offers no snapshots (not .NET, no Go pprof URL): none taken";
        console.Warn(why);
        return new UnavailableSnapshotProbe(why);
    }

    public void Dispose()
    {
        Heap?.Dispose();
        Stream.Dispose();
    }
}
