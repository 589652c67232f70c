using System.Diagnostics;
using LoadLeak.Cli;
using LoadLeak.Cluster.Members;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Cluster.Timing;
using LoadLeak.Engine.Running;
using LoadLeak.Results;
using LoadLeak.Sessions;

namespace LoadLeak.Cluster.Agents;

/// <summary>
/// The core of `loadleak agent`: joins the cluster, builds its assignment, starts on the coordinator's clock,
/// runs its share with the engine while streaming one message per scenario per interval, reports its totals,
/// and leaves when released. When the coordinator goes silent it stops the load and returns within 3 s.
/// </summary>
internal sealed class AgentWorker(AgentOptions options, IUserConsole console)
{
    /// <summary>How long a stopped engine may take to wind down before the agent leaves anyway.</summary>
    private static readonly TimeSpan WindDown = TimeSpan.FromMilliseconds(800);
    /// <summary>
    /// How long an agent that finished waits to be released while the coordinator still heartbeats: it may ask for
    /// resends, and its final measurements (induced GCs, heap snapshots of a large heap) can take minutes. A silent
    /// coordinator ends the wait within 3 s.
    /// </summary>
    private static readonly TimeSpan ReleaseWait = TimeSpan.FromMinutes(10);

    private readonly TaskCompletionSource<Assigned> _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<StartRun> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<StopRun> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopLoad = new();

    public string Id => options.Id;

    /// <summary>Rows streamed so far (for tests and the console).</summary>
    public long RowsStreamed { get; private set; }

    public async Task<AgentOutcome> RunAsync(CancellationToken interrupt)
    {
        await using var link = await MemberLink.JoinAsync(options.Endpoint, options.ClusterId, options.Id, Hello, OnRequestAsync, OnBroadcast,
            interrupt).ConfigureAwait(false);
        console.Info($"agent {options.Id} joined cluster '{options.ClusterId}' at {options.Endpoint.Redacted}; waiting for the coordinator");
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(interrupt, link.CoordinatorGone);

        var assigned = await WaitAsync(_assigned.Task, options.JoinTimeout, gone.Token).ConfigureAwait(false);
        if (assigned is not { } work) return Ended(interrupt, link, AgentOutcome.NeverAssigned);
        if (work.Plan is null) return AgentOutcome.Rejected;
        link.State = MemberState.Assigned;

        await WaitAsync(Task.WhenAny(_started.Task, _stopped.Task), Timeout.InfiniteTimeSpan, gone.Token).ConfigureAwait(false);
        if (!_started.Task.IsCompleted || _stopped.Task.IsCompleted) return Ended(interrupt, link, AgentOutcome.Stopped);
        var start = _started.Task.Result;
        var startAt = start.StartAtCoordinatorNs + work.Assignment.ClockOffsetNs;
        RunClock clock;
        long late;
        try
        {
            (clock, late) = await MonotonicClock.RunAtAsync(startAt, () => new RunClock(), gone.Token).ConfigureAwait(false);
            if (late > 5_000_000) console.Warn($"agent {options.Id} started its clock {late / 1e6:0.0} ms late");
        }
        catch (OperationCanceledException)
        {
            return Ended(interrupt, link, AgentOutcome.Stopped);
        }
        link.State = MemberState.Running;
        var streamer = new StatsStreamer(link, work.Plan.Original);
        HistogramObserver = streamer;
        var (result, error) = await RunEngineAsync(work.Plan, clock, streamer, link, gone.Token).ConfigureAwait(false);
        var stoppedEarly = _stopped.Task.IsCompleted;
        RowsStreamed = streamer.Rows;

        if (link.CoordinatorGone.IsCancellationRequested) return AgentOutcome.CoordinatorLost;
        if (interrupt.IsCancellationRequested) return AgentOutcome.Interrupted;
        link.State = error is null ? MemberState.Finished : MemberState.Failed;
        var seq = link.NextSeq();
        var totals = result?.Scenarios.Select(StatsStreamer.Totals).ToList() ?? [];
        var phases = result?.Phases.Select(streamer.Renamed).ToList() ?? [];
        link.Stream(link.Subjects.Stats, seq, new AgentFinished(totals, seq, error, late / 1e6, streamer.FirstPhaseAt * 1000) { Phases = phases });
        await WaitAsync(_released.Task, ReleaseWait, gone.Token).ConfigureAwait(false);
        if (link.CoordinatorGone.IsCancellationRequested) return AgentOutcome.CoordinatorLost;
        return stoppedEarly ? AgentOutcome.Stopped : AgentOutcome.Completed;
    }

    /// <summary>Where the engine's per-interval histogram hook is to deliver (set once the run starts).</summary>
    public IIntervalHistogramObserver? HistogramObserver { get; private set; }

    private async Task<(EngineResult? Result, string? Error)> RunEngineAsync(AgentPlan plan, RunClock clock, StatsStreamer streamer,
        MemberLink link, CancellationToken gone)
    {
        using var load = CancellationTokenSource.CreateLinkedTokenSource(gone, _stopLoad.Token);
        var engine = LoadEngine.RunAsync(plan.Settings with { HistogramObserver = streamer }, clock, streamer, load.Token);
        try
        {
            await engine.WaitAsync(gone).ConfigureAwait(false);
            return (await engine.ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (gone.IsCancellationRequested)
        {
            // Leave promptly: the process exit takes what is left of the engine with it.
            try { await engine.WaitAsync(WindDown, CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException) { }
            return (null, "stopped: the coordinator is gone");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.Error($"agent {options.Id}: the load engine failed: {e.Message}");
            link.State = MemberState.Failed;
            return (null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private AgentOutcome Ended(CancellationToken interrupt, MemberLink link, AgentOutcome otherwise) =>
        interrupt.IsCancellationRequested ? AgentOutcome.Interrupted
        : link.CoordinatorGone.IsCancellationRequested ? AgentOutcome.CoordinatorLost
        : otherwise;

    private ClusterMessage Hello() =>
        new AgentHello(options.Id, options.Group, Environment.MachineName, ClusterVersion.Current, Environment.ProcessId);

    private Task<ClusterMessage?> OnRequestAsync(ClusterMessage request, CancellationToken ct)
    {
        if (request is not Assignment assignment) return Task.FromResult<ClusterMessage?>(null);
        if (_assigned.Task.IsCompleted)
            return Task.FromResult<ClusterMessage?>(new AssignmentReply(false, $"agent {options.Id} is already assigned"));
        try
        {
            var plan = AgentPlanBuilder.Build(assignment, new ConsoleEngineLog(console));
            _assigned.TrySetResult(new Assigned(assignment, plan));
            var shares = string.Join(", ", assignment.Shares.Select(s => $"{s.Scenario} {s.Index + 1}/{s.Of}"));
            console.Info($"agent {options.Id} assigned: {shares}");
            return Task.FromResult<ClusterMessage?>(new AssignmentReply(true, null));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the reason (bad settings, a protocol this host lacks), the coordinator gets it in one line.
            console.Error($"agent {options.Id} cannot run its assignment: {e.Message}");
            _assigned.TrySetResult(new Assigned(assignment, null));
            return Task.FromResult<ClusterMessage?>(new AssignmentReply(false, e.Message));
        }
    }

    private void OnBroadcast(ClusterMessage message)
    {
        switch (message)
        {
            case StartRun start:
                _started.TrySetResult(start);
                break;
            case StopRun stop:
                _stopped.TrySetResult(stop);
                _stopLoad.Cancel();
                if (stop.Release) _released.TrySetResult();
                break;
        }
    }

    private sealed record Assigned(Assignment Assignment, AgentPlan? Plan);

    private static async Task<T?> WaitAsync<T>(Task<T> task, TimeSpan limit, CancellationToken ct) where T : class
    {
        try
        {
            return await task.WaitAsync(limit, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task WaitAsync(Task task, TimeSpan limit, CancellationToken ct)
    {
        try { await task.WaitAsync(limit, ct).ConfigureAwait(false); }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException) { }
    }
}
