using System.Globalization;
using LoadLeak.Cli;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Cluster.Timing;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Coordinator;

/// <summary>The run's steps, in order: wait, measure clocks, assign, start, wait for the agents, finish.</summary>
internal sealed partial class ClusterCoordinator
{
    private static readonly TimeSpan AssignTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CollectLimit = TimeSpan.FromSeconds(15);
    private volatile bool _assigned;

    /// <exception cref="InfrastructureException">Not everyone joined within the cluster timeout; the message names who is missing.</exception>
    public async Task WaitForMembersAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _settings.Timeout;
        while (Missing() is { } missing)
        {
            if (DateTime.UtcNow >= deadline)
                throw new InfrastructureException($"cluster '{_settings.ClusterId}' at {_endpoint.Redacted}: after " +
                    $"{_settings.Timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s (--cluster-timeout) {missing}");
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Who is still missing, in words; null when everyone is here.</summary>
    private string? Missing()
    {
        var agents = AgentMembers.Where(a => !a.Lost).ToList();
        var problems = new List<string>();
        if (agents.Count < _settings.AgentsCount)
            problems.Add($"{agents.Count} of {_settings.AgentsCount} agents joined " +
                         $"(start more with: loadleak agent --cluster-nats-url URL --cluster-id {_settings.ClusterId})");
        foreach (var group in _settings.Groups.Where(g => g.Name.Length > 0))
        {
            if (agents.All(a => !_settings.GroupsOf(a.Group).Contains(group)))
                problems.Add($"no agent of group '{group.Name}' joined (--agent-group {group.Name})");
        }
        if (_settings.WaitForProbe && ProbeMember is not { Lost: false })
            problems.Add("no probe joined (start one on the target's host: " +
                         $"loadleak probe --cluster-nats-url URL --cluster-id {_settings.ClusterId} --target-pid N)");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>Clock round trips with every member; the best of them is each member's offset.</summary>
    public async Task MeasureClocksAsync(int samples, CancellationToken ct)
    {
        await Task.WhenAll(Members.Where(m => !m.Lost).Select(async member =>
        {
            for (var i = 0; i < samples; i++)
            {
                var sent = MonotonicClock.NowNs;
                if (await RequestAsync(member.Id, new ClockPing(sent), TimeSpan.FromSeconds(1), ct).ConfigureAwait(false) is ClockPong pong)
                    member.Clock.Add(pong.CoordinatorNs, pong.MemberNs, MonotonicClock.NowNs);
                await Task.Delay(5, ct).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        foreach (var member in Members.Where(m => !m.Lost))
        {
            var best = member.Clock.Best
                ?? throw new InfrastructureException($"cluster: {member.Id} ({member.Host}) did not answer any clock round trip");
            // The zero section: a negative offset that rounds to zero would read "-+0.000".
            _console.Info(string.Create(CultureInfo.InvariantCulture,
                $"cluster: {member.Id} clock offset {best.OffsetMs:+0.000;-0.000;0.000} ms ± {best.ErrorMs:0.000} ms " +
                $"(best of {best.Samples} round trips)"));
        }
    }

    /// <exception cref="InfrastructureException">An agent refused its share or did not answer; all members are released.</exception>
    public async Task AssignAsync(ClusterAssignmentInput input, CancellationToken ct)
    {
        _assigned = true;
        var agents = AgentMembers.Where(a => !a.Lost).ToList();
        var shares = ShareAllocator.Allocate(_settings, agents.Select(a => (a.Id, a.Group)).ToList(), input.Scenarios);
        var replies = await Task.WhenAll(agents.Select(async agent =>
        {
            agent.Shares = shares[agent.Id];
            agent.OffsetUsed = agent.Clock.Best;
            var assignment = new Assignment(input.ConfigJson, input.ConfigSource, agent.Shares, input.Placeholders, input.KafkaBootstrap,
                input.DurationScale, agent.OffsetUsed?.OffsetNs ?? 0);
            return (agent, reply: await RequestAsync(agent.Id, assignment, AssignTimeout, ct).ConfigureAwait(false) as AssignmentReply);
        })).ConfigureAwait(false);
        var refused = replies.FirstOrDefault(r => r.reply is not { Ready: true });
        if (refused.agent is null && AgentMembers.Any(a => !a.Lost)) return;
        if (refused.agent is null)
        {
            await ReleaseAsync("every agent was lost").ConfigureAwait(false);
            throw new InfrastructureException(
                $"cluster: every agent was lost before the load started ({string.Join(", ", agents.Select(a => a.Id))})");
        }
        await ReleaseAsync("an agent refused its assignment").ConfigureAwait(false);
        throw new InfrastructureException($"cluster: agent {refused.agent.Id} ({refused.agent.Host}) cannot run its share: " +
                                          (refused.reply?.Error ?? "no answer within " + AssignTimeout.TotalSeconds + " s"));
    }

    /// <summary>Has the probe launch or attach to the target; returns its answer (pid, description).</summary>
    public async Task<ProbeReady> AssignProbeAsync(IReadOnlyDictionary<string, string> placeholders, bool useEventPipe, TimeSpan readyTimeout,
        CancellationToken ct)
    {
        var probe = ProbeMember ?? throw new InvalidOperationException("no probe joined");
        probe.OffsetUsed = probe.Clock.Best;
        var reply = await RequestAsync(probe.Id, new ProbeAssignment(placeholders, useEventPipe, probe.OffsetUsed?.OffsetNs ?? 0),
            readyTimeout + TimeSpan.FromSeconds(10), ct).ConfigureAwait(false) as ProbeReady;
        if (reply is { Ready: true }) return reply;
        await ReleaseAsync("the probe's target did not start").ConfigureAwait(false);
        throw new InfrastructureException($"cluster: probe {probe.Id} ({probe.Host}): the target did not start: {reply?.Error ?? "no answer"}");
    }

    /// <summary>
    /// Picks second 0 a little ahead (long enough for the broadcast to reach everyone), tells everyone, and
    /// starts this process's run clock at that instant.
    /// </summary>
    public async Task<RunClock> StartAsync(CancellationToken ct)
    {
        var worstRtt = Members.Select(m => m.OffsetUsed?.RttNs ?? 0).DefaultIfEmpty(0).Max();
        var lead = Math.Max(500_000_000L, 20 * worstRtt);
        var startAt = MonotonicClock.NowNs + lead;
        await PublishAsync(Subjects.Broadcast, new StartRun(startAt, DateTimeOffset.UtcNow.AddTicks(lead / 100))).ConfigureAwait(false);
        var (clock, _) = await MonotonicClock.RunAtAsync(startAt, () => new RunClock(), ct).ConfigureAwait(false);
        _clock = clock;
        return clock;
    }

    /// <summary>Waits until every agent still in the run has reported its totals; false if the limit passed first.</summary>
    public async Task<bool> WaitForAgentsAsync(TimeSpan limit, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + limit;
        while (AgentMembers.Any(a => !a.Lost && a.Finished is null))
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Induces a full GC in the target through the probe; null when there is no probe or it could not measure.</summary>
    public async Task<RetainedMark?> ProbeGcAsync(string phase, string reason, CancellationToken ct)
    {
        if (ProbeMember is not { Lost: false } probe) return null;
        var reply = await RequestAsync(probe.Id, new ProbeGcRequest(phase, reason), TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
        if (reply is ProbeGcReply { Mark: { } mark }) Probe.AddRetained(mark);
        return (reply as ProbeGcReply)?.Mark;
    }

    /// <summary>A heap dump on the probe's host takes seconds per hundred MB of heap, and the analysis as long again.</summary>
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Asks the probe to take the heap snapshot <paramref name="label"/> now; false without a probe or when not taken.</summary>
    public async Task<bool> ProbeSnapshotAsync(string label, CancellationToken ct) =>
        ProbeMember is { Lost: false } probe &&
        await RequestAsync(probe.Id, new ProbeSnapshotRequest(label), SnapshotTimeout, ct).ConfigureAwait(false)
            is ProbeSnapshotReply { Taken: true };

    /// <summary>The probe's after-cool-down snapshot and its diff of the three; null without a probe or a diff.</summary>
    public async Task<HeapForensicsResult?> ProbeSnapshotFinishAsync(bool targetAlive, CancellationToken ct) =>
        ProbeMember is { Lost: false } probe &&
        await RequestAsync(probe.Id, new ProbeSnapshotFinish(targetAlive), SnapshotTimeout, ct).ConfigureAwait(false) is ProbeSnapshotResult result
            ? result.Forensics
            : null;

    /// <summary>
    /// Stops everyone, collects what is left (final totals, the probe's table, anything lost on the way),
    /// bounded in time, then releases the members.
    /// </summary>
    public async Task FinishAsync(string reason, CancellationToken ct)
    {
        await PublishAsync(Subjects.Broadcast, new StopRun(reason, Release: false)).ConfigureAwait(false);
        var deadline = DateTime.UtcNow + CollectLimit;
        while (DateTime.UtcNow < deadline && !ct.IsCancellationRequested && !Collected())
            await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
        await ReleaseAsync(reason).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the agents' load and collects their totals (bounded), leaving the probe sampling: the memory guard stopped
    /// the load, and the target's final retained heap is still to be measured.
    /// </summary>
    public async Task StopAgentsAsync(string reason)
    {
        await PublishAsync(Subjects.Broadcast, new StopRun(reason, Release: false) { AgentsOnly = true }).ConfigureAwait(false);
        var deadline = DateTime.UtcNow + CollectLimit;
        while (DateTime.UtcNow < deadline && !Collected(MemberRole.Agent))
            await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
    }

    private bool Collected(MemberRole? only = null)
    {
        var now = MonotonicClock.NowNs;
        foreach (var member in Members.Where(m => !m.Lost && (only is null || m.Role == only)))
        {
            var done = member.Role == MemberRole.Agent ? member.Finished is not null : Probe.IsFinished;
            if (!done || member.Missing(now, TimeSpan.Zero, 1).Count > 0) return false;
        }
        return true;
    }

    /// <summary>True once the members were told to leave: silence is expected from then on.</summary>
    public bool Released { get; private set; }

    private Task ReleaseAsync(string reason)
    {
        Released = true;
        return PublishAsync(Subjects.Broadcast, new StopRun(reason, Release: true));
    }
}
