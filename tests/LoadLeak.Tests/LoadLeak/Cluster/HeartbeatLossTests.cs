using LoadLeak.Cluster.Coordinator;
using LoadLeak.Cluster.Protocol;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public sealed class HeartbeatLossTests
{
    private const long Ms = 1_000_000;
    private static readonly TimeSpan Limit = HeartbeatMonitor.LostAfter;

    private static ClusterMember Member() => new("agent-a", MemberRole.Agent, "", "host", "v", 1, joinedNs: 0);

    private static HeartbeatReply Reply() => new(1, 0, 0, MemberState.Running, 0);

    // The CI failure of session 11: the test process stalled for about a second, one round of beats went unanswered
    // and, 1.8 s after the last answer, both members of a healthy run were called lost.
    [Fact]
    public void One_unanswered_beat_after_a_stall_is_not_a_loss_however_long_the_silence()
    {
        var member = Member();
        member.Answered(1_000 * Ms, Reply());
        member.NotAnswered();

        Assert.False(HeartbeatMonitor.IsLost(member, 2_800 * Ms, Limit));
    }

    [Fact]
    public void A_member_silent_past_the_limit_with_beats_unanswered_in_a_row_is_lost()
    {
        var member = Member();
        member.Answered(1_000 * Ms, Reply());
        for (var i = 0; i < HeartbeatMonitor.MissedBeats; i++) member.NotAnswered();

        Assert.False(HeartbeatMonitor.IsLost(member, 1_000 * Ms + Limit.Ticks * 100 - 1, Limit));
        Assert.True(HeartbeatMonitor.IsLost(member, 1_000 * Ms + Limit.Ticks * 100, Limit));
    }

    [Fact]
    public void An_answer_starts_the_count_of_unanswered_beats_again()
    {
        var member = Member();
        member.NotAnswered();
        member.NotAnswered();
        member.Answered(1_000 * Ms, Reply());
        member.NotAnswered();

        Assert.Equal(1, member.Unanswered);
        Assert.False(HeartbeatMonitor.IsLost(member, 5_000 * Ms, Limit));
    }
}
