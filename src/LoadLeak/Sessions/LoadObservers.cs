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
        Heap = plan.Snapshots && sampler.IsDotNet ? new HeapSnapshotProbe(target.Pid, clock, console, plan.KeepDumps, load) : null;
        Observer = new CompositeEngineObserver(
            [new LiveProgress(console, () => sampler.Latest, plan.Options.ProgressEverySeconds), Retained,
             new CorrelatorEventRelay(sampler, timeline), Stream, .. Heap is null ? Array.Empty<IEngineObserver>() : [Heap]], console);
    }

    public RetainedHeapProbe Retained { get; }
    public ResultStream Stream { get; }
    /// <summary>Null unless --snapshots (or soak) asked for heap snapshots and the target is .NET.</summary>
    public HeapSnapshotProbe? Heap { get; }
    public IEngineObserver Observer { get; }

    public void Dispose()
    {
        Heap?.Dispose();
        Stream.Dispose();
    }
}
