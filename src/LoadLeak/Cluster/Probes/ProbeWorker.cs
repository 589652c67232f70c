using LoadLeak.Cli;
using LoadLeak.Cluster.Members;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Cluster.Timing;
using LoadLeak.Correlator;
using LoadLeak.Engine.Running;
using LoadLeak.Results;
using LoadLeak.Targets;

namespace LoadLeak.Cluster.Probes;

/// <summary>
/// The core of `loadleak probe`, on the target's host: launches or attaches to the target when assigned,
/// starts sampling it on the coordinator's clock, streams the samples and events, answers induced-GC requests,
/// and at the stop sends the correlator's whole table. It stops sampling (and a target it launched) and
/// returns within 3 s when the coordinator goes silent.
/// </summary>
internal sealed class ProbeWorker(ProbeOptions options, IUserConsole console)
{
    /// <summary>As an agent's: the coordinator's final steps may take minutes; a silent coordinator ends the wait within 3 s.</summary>
    private static readonly TimeSpan ReleaseWait = TimeSpan.FromMinutes(10);

    private readonly TaskCompletionSource<ProbeAssignment> _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<StartRun> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<StopRun> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ITarget?> _target = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile TargetCorrelator? _correlator;
    private ProbeSnapshots? _snapshots;

    public string Id => options.Id;

    public async Task<ProbeOutcome> RunAsync(CancellationToken interrupt)
    {
        await using var link = await MemberLink.JoinAsync(options.Endpoint, options.ClusterId, options.Id, Hello, OnRequestAsync, OnBroadcast,
            interrupt).ConfigureAwait(false);
        console.Info($"probe {options.Id} joined cluster '{options.ClusterId}' at {options.Endpoint.Redacted}; waiting for the coordinator");
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(interrupt, link.CoordinatorGone);
        ITarget? target = null;
        try
        {
            if (!await Completes(_assigned.Task, options.JoinTimeout, gone.Token).ConfigureAwait(false))
                return Ended(interrupt, link, ProbeOutcome.NeverAssigned);
            link.State = MemberState.Assigned;
            target = await _target.Task.WaitAsync(gone.Token).ConfigureAwait(false);
            if (target is null) return ProbeOutcome.TargetFailed;

            await Completes(Task.WhenAny(_started.Task, _stopped.Task), Timeout.InfiniteTimeSpan, gone.Token).ConfigureAwait(false);
            if (!_started.Task.IsCompleted || _stopped.Task.IsCompleted) return Ended(interrupt, link, ProbeOutcome.Stopped);
            var startAt = _started.Task.Result.StartAtCoordinatorNs + _assigned.Task.Result.ClockOffsetNs;
            var (clock, _) = await MonotonicClock.RunAtAsync(startAt, () => new RunClock(), gone.Token).ConfigureAwait(false);
            var correlator = await TargetCorrelator.StartAsync(target.Pid, clock,
                new CorrelatorOptions { UseEventPipe = _assigned.Task.Result.UseEventPipe }, gone.Token).ConfigureAwait(false);
            _correlator = correlator;
            _snapshots = new ProbeSnapshots(target.Pid, correlator.IsDotNet, clock, console, gone.Token);
            link.State = MemberState.Running;
            var streamer = new SampleStreamer(link);
            await StreamUntilStoppedAsync(correlator, streamer, gone.Token).ConfigureAwait(false);

            var result = await correlator.StopAsync().ConfigureAwait(false);
            if (gone.IsCancellationRequested) return Ended(interrupt, link, ProbeOutcome.Stopped);
            var finalSamples = streamer.SendFinal(result);
            var seq = link.NextSeq();
            link.Stream(link.Subjects.Probe, seq, new ProbeFinished(result.Retained, result.IsDotNet, seq, finalSamples));
            link.State = MemberState.Finished;
            await Completes(_released.Task, ReleaseWait, gone.Token).ConfigureAwait(false);
            return Ended(interrupt, link, ProbeOutcome.Completed);
        }
        catch (OperationCanceledException) when (gone.IsCancellationRequested)
        {
            return Ended(interrupt, link, ProbeOutcome.Stopped);
        }
        finally
        {
            _snapshots?.Dispose();
            if (_correlator is { } correlator) await correlator.DisposeAsync().ConfigureAwait(false);
            target ??= _target.Task.IsCompletedSuccessfully ? _target.Task.Result : null;
            if (target is not null) await target.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StreamUntilStoppedAsync(TargetCorrelator correlator, SampleStreamer streamer, CancellationToken gone)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (!_stopped.Task.IsCompleted && !gone.IsCancellationRequested)
        {
            streamer.SendLive(correlator);
            await Task.WhenAny(timer.WaitForNextTickAsync(gone).AsTask(), _stopped.Task).ConfigureAwait(false);
        }
    }

    private ProbeOutcome Ended(CancellationToken interrupt, MemberLink link, ProbeOutcome otherwise) =>
        interrupt.IsCancellationRequested ? ProbeOutcome.Interrupted
        : link.CoordinatorGone.IsCancellationRequested ? ProbeOutcome.CoordinatorLost
        : otherwise;

    private ClusterMessage Hello() =>
        new ProbeHello(options.Id, Environment.MachineName, ClusterVersion.Current, Environment.ProcessId,
            options.TargetPid is { } pid ? $"pid {pid}" : options.TargetCmd ?? "");

    private async Task<ClusterMessage?> OnRequestAsync(ClusterMessage request, CancellationToken ct)
    {
        switch (request)
        {
            case ProbeAssignment assignment when _assigned.TrySetResult(assignment):
                return await StartTargetAsync(assignment, ct).ConfigureAwait(false);
            case ProbeAssignment:
                return new ProbeReady(false, 0, "", null, $"probe {options.Id} is already assigned");
            case ProbeGcRequest gc when _correlator is { } correlator:
                return new ProbeGcReply(await correlator.MeasureRetainedAsync(gc.Phase, gc.Reason, ct).ConfigureAwait(false));
            case ProbeGcRequest:
                return new ProbeGcReply(null);
            case ProbeSnapshotRequest snapshot:
                return new ProbeSnapshotReply(_snapshots is { } taking && await taking.TakeAsync(snapshot.Label).ConfigureAwait(false));
            case ProbeSnapshotFinish finish:
                return new ProbeSnapshotResult(
                    _snapshots is { } diffing ? await diffing.FinishAsync(finish.TargetAlive).ConfigureAwait(false) : null);
            default:
                return null;
        }
    }

    private async Task<ClusterMessage> StartTargetAsync(ProbeAssignment assignment, CancellationToken ct)
    {
        ITarget? target = null;
        try
        {
            target = options.TargetPid is { } pid ? AttachedTarget.Attach(pid) : Launch(assignment);
            double? startup = null;
            if (options.TargetUrl is { } url)
            {
                var filled = Fill(url, assignment);
                if (!Uri.TryCreate(filled, UriKind.Absolute, out var uri))
                    throw new Engine.ConfigException($"--target-url: not an absolute URL: '{filled}'");
                startup = await ReadinessProbe.WaitAsync(uri, target, options.ReadyTimeout, ct).ConfigureAwait(false);
            }
            console.Info($"probe {options.Id}: target {target.Description} (pid {target.Pid}) ready");
            _target.TrySetResult(target);
            // The coordinator's memory guard cannot read this host's cgroup or /proc: the limit travels with the answer.
            var limit = Soak.MemoryLimit.Of(target.Pid);
            return new ProbeReady(true, target.Pid, target.Description, startup, null)
            {
                MemoryLimitBytes = limit?.Bytes,
                MemoryLimitSource = limit?.Source,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.Error($"probe {options.Id}: the target did not start: {e.Message}");
            if (target is not null) await target.DisposeAsync().ConfigureAwait(false);
            _target.TrySetResult(null);
            return new ProbeReady(false, 0, "", null, e.Message);
        }
    }

    private LaunchedTarget Launch(ProbeAssignment assignment)
    {
        var command = CommandLineSplitter.Split(Fill(options.TargetCmd!, assignment), "--target-cmd");
        return LaunchedTarget.Start(command, Path.Combine(options.LogDir, "target.log"));
    }

    private static string Fill(string text, ProbeAssignment assignment)
    {
        var placeholders = new Placeholders();
        foreach (var (name, value) in assignment.Placeholders) placeholders.Set(name, value);
        return placeholders.Fill(text);
    }

    private void OnBroadcast(ClusterMessage message)
    {
        switch (message)
        {
            case StartRun start:
                _started.TrySetResult(start);
                break;
            case StopRun { AgentsOnly: true, Release: false }:
                break;
            case StopRun stop:
                _stopped.TrySetResult(stop);
                if (stop.Release) _released.TrySetResult();
                break;
        }
    }

    private static async Task<bool> Completes(Task task, TimeSpan limit, CancellationToken ct)
    {
        try
        {
            await task.WaitAsync(limit, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
