using LoadLeak.Cluster.Nats;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public sealed class OutageWatchTests
{
    private const long Second = 1_000_000_000;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(6);

    [Fact]
    public void Silence_counts_while_the_first_connection_stays_up()
    {
        var watch = new OutageWatch(Grace);
        var server = new object();
        Assert.True(watch.SilenceCounts(10 * Second, open: true, server));
        Assert.True(watch.SilenceCounts(11 * Second, open: true, server));
    }

    [Fact]
    public void Silence_does_not_count_while_disconnected_nor_for_the_grace_after_the_state_reads_open_again()
    {
        var watch = new OutageWatch(Grace);
        var server = new object();
        Assert.True(watch.SilenceCounts(10 * Second, open: true, server));
        Assert.False(watch.SilenceCounts(11 * Second, open: false, server));
        Assert.False(watch.SilenceCounts(12 * Second, open: true, new object()));
        Assert.False(watch.SilenceCounts(17 * Second, open: true, null));
        Assert.True(watch.SilenceCounts(18 * Second, open: true, null));
    }

    // The CI failure of session 11: a heartbeat round blocked on the dead connection spanned the whole outage and
    // the reconnect event came late, so the monitor only ever saw "open" and called both agents lost.
    [Fact]
    public void An_outage_the_monitor_never_saw_is_recognised_by_the_new_server_greeting()
    {
        var watch = new OutageWatch(Grace);
        Assert.True(watch.SilenceCounts(10 * Second, open: true, new object()));
        Assert.False(watch.SilenceCounts(12 * Second, open: true, new object()));
        Assert.False(watch.SilenceCounts(17 * Second, open: true, null));
        Assert.True(watch.SilenceCounts(18 * Second, open: true, null));
    }

    [Fact]
    public void The_reconnect_event_starts_the_grace_even_when_it_arrives_after_the_monitor_saw_the_new_connection()
    {
        var watch = new OutageWatch(Grace);
        var server = new object();
        Assert.True(watch.SilenceCounts(10 * Second, open: true, server));
        watch.Reconnected(11 * Second);
        Assert.False(watch.SilenceCounts(16 * Second, open: true, server));
        watch.Reconnected(9 * Second);
        Assert.Equal(11 * Second, watch.ReconnectedNs);
        Assert.True(watch.SilenceCounts(17 * Second, open: true, server));
    }
}
