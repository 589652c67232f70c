using LoadLeak.Cluster.Nats;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Cluster.Timing;
using LoadLeak.Results;
using NATS.Client.Core;

namespace LoadLeak.Cluster.Coordinator;

/// <summary>
/// Heartbeats every member four times a second (each answer is also a clock sample and says how much the
/// member streamed), declares a member lost after <see cref="LostAfter"/> and <see cref="MissedBeats"/> beats
/// without an answer while NATS is up, and asks members again for streamed messages that never arrived. After a
/// NATS reconnect everyone gets a grace period to reconnect too: members retry every 0.2–1 s, and a busy machine
/// can take seconds to restart a server and resubscribe, so the grace is several of those retries.
/// </summary>
internal sealed class HeartbeatMonitor(ClusterCoordinator coordinator, NatsConnection nats)
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan LostAfter = TimeSpan.FromMilliseconds(1250);
    /// <summary>
    /// Silence alone is not enough: when the coordinator's own process stalls (a busy machine), it sends fewer beats
    /// and reads replies late. A member is lost only when it also left this many beats in a row unanswered.
    /// </summary>
    public const int MissedBeats = 2;
    /// <summary>
    /// Before the load starts a member may be busy building its share (JIT, clients) on a loaded machine; nothing is lost by waiting.
    /// </summary>
    public static readonly TimeSpan LostBeforeStartAfter = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ReconnectGrace = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromMilliseconds(600);
    private static readonly TimeSpan ResendEvery = TimeSpan.FromSeconds(1);

    private readonly OutageWatch _outage = new(ReconnectGrace);
    private long _seq;
    private long _lastResendNs;

    /// <summary>NATS came back at <paramref name="nowNs"/>; silences before then + grace do not count.</summary>
    public void Reconnected(long nowNs) => _outage.Reconnected(nowNs);

    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                if (coordinator.Released) return;
                var members = coordinator.Members.Where(m => !m.Lost).ToList();
                await Task.WhenAll(members.Select(m => BeatAsync(m, stop))).ConfigureAwait(false);
                CheckLost(members);
                RequestMissing(members);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task BeatAsync(ClusterMember member, CancellationToken stop)
    {
        var sent = MonotonicClock.NowNs;
        var reply = await coordinator.RequestAsync(member.Id, new Heartbeat(Interlocked.Increment(ref _seq), sent), ReplyTimeout, stop)
            .ConfigureAwait(false);
        if (reply is not HeartbeatReply answer)
        {
            member.NotAnswered();
            return;
        }
        var received = MonotonicClock.NowNs;
        member.Clock.Add(answer.CoordinatorNs, answer.MemberNs, received);
        member.Answered(received, answer);
    }

    private void CheckLost(IReadOnlyList<ClusterMember> members)
    {
        var now = MonotonicClock.NowNs;
        if (!_outage.SilenceCounts(now, nats.ConnectionState == NatsConnectionState.Open, nats.ServerInfo)) return;
        var limit = coordinator.LoadStarted ? LostAfter : LostBeforeStartAfter;
        foreach (var member in members)
        {
            if (!IsLost(member, now, limit)) continue;
            coordinator.MemberLost(member, (now - member.LastReplyNs) / 1e9);
        }
    }

    internal static bool IsLost(ClusterMember member, long nowNs, TimeSpan limit) =>
        nowNs - member.LastReplyNs >= limit.Ticks * 100 && member.Unanswered >= MissedBeats;

    private void RequestMissing(IReadOnlyList<ClusterMember> members)
    {
        var now = MonotonicClock.NowNs;
        if (now - _lastResendNs < ResendEvery.Ticks * 100) return;
        _lastResendNs = now;
        foreach (var member in members)
        {
            var missing = member.Missing(now, ResendEvery, 1_000);
            if (missing.Count > 0) coordinator.AskResend(member, missing);
        }
    }
}
