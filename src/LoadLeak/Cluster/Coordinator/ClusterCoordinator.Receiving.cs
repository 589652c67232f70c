using LoadLeak.Cluster.Protocol;
using LoadLeak.Cluster.Timing;
using LoadLeak.Results;
using NATS.Client.Core;

namespace LoadLeak.Cluster.Coordinator;

/// <summary>Receiving: hellos register members, stats and probe messages are merged; anything else is counted and dropped.</summary>
internal sealed partial class ClusterCoordinator
{
    private readonly HashSet<string> _ignored = new(StringComparer.Ordinal);

    private async Task ReceiveAsync(INatsSub<byte[]> subscription)
    {
        try
        {
            await foreach (var msg in subscription.Msgs.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (!Gate.TryAccept(msg.Data ?? [], out var message)) continue;
                if (!Handle(message!)) Gate.CountUnexpected();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <returns>False when the message has no business here (unknown sender, wrong kind).</returns>
    private bool Handle(ClusterMessage message)
    {
        switch (message)
        {
            case AgentHello hello:
                return hello.Id == hello.From && Register(hello.Id, MemberRole.Agent, hello.Group, hello.Host, hello.Version, hello.Pid);
            case ProbeHello hello:
                return hello.Id == hello.From && Register(hello.Id, MemberRole.Probe, "", hello.Host, hello.Version, hello.Pid);
        }
        if (!_members.TryGetValue(message.From, out var member)) return false;
        switch (message)
        {
            case IntervalStats stats when member.Role == MemberRole.Agent:
                if (member.Received(stats.Seq)) Stats.Add(member.Id, stats);
                return true;
            case AgentFinished finished when member.Role == MemberRole.Agent:
                member.Received(finished.LastSeq);
                member.Finished = finished;
                return true;
            case ProbeSamples or ProbeEvent or ProbeNote or ProbeFinished when member.Role == MemberRole.Probe:
                if (member.Received(SeqOf(message))) Probe.Add(message);
                return true;
            default:
                return false;
        }
    }

    private static long SeqOf(ClusterMessage message) => message switch
    {
        ProbeSamples s => s.Seq,
        ProbeEvent e => e.Seq,
        ProbeNote n => n.Seq,
        ProbeFinished f => f.LastSeq,
        _ => 0,
    };

    /// <summary>
    /// Registers a member while the cluster is forming: agents up to the count (and beyond it only for a group
    /// that has none yet), one probe when one is wanted. Repeated hellos are harmless.
    /// </summary>
    private bool Register(string id, MemberRole role, string group, string host, string version, int pid)
    {
        if (_members.ContainsKey(id)) return true;
        lock (_members)
        {
            if (_members.ContainsKey(id)) return true;
            string? refusal = null;
            if (_assigned) refusal = "the run has already been assigned";
            else if (role == MemberRole.Probe && (!_settings.WaitForProbe || ProbeMember is not null))
                refusal = "no probe is wanted or one has joined";
            else if (role == MemberRole.Agent && !_settings.GroupsOf(group).Any())
                refusal = $"its group '{group}' is not among the config's agent groups";
            else if (role == MemberRole.Agent && AgentMembers.Count >= _settings.AgentsCount && !GroupLacksAgents(group))
                refusal = $"the cluster already has its {_settings.AgentsCount} agent(s)";
            if (refusal is not null)
            {
                if (_ignored.Add(id)) _console.Warn($"cluster: {role.ToString().ToLowerInvariant()} {id} ({host}) ignored: {refusal}");
                return true;
            }
            _members[id] = new ClusterMember(id, role, group, host, version, pid, MonotonicClock.NowNs);
        }
        if (version != ClusterVersion.Current) _console.Warn($"cluster: {id} runs LoadLeak {version}, this coordinator {ClusterVersion.Current}");
        _console.Info($"cluster: {role.ToString().ToLowerInvariant()} {id} joined from {host}" + (group.Length > 0 ? $" (group {group})" : ""));
        return true;
    }

    private bool GroupLacksAgents(string group) =>
        _settings.GroupsOf(group).Any(g => g.Name.Length > 0 && AgentMembers.All(a => !_settings.GroupsOf(a.Group).Contains(g)));
}
