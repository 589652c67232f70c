using System.Text;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Results;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public class ClusterCodecTests
{
    [Fact]
    public void Messages_round_trip_with_their_type()
    {
        var gate = new MessageGate("c1");
        ClusterMessage[] messages =
        [
            new AgentHello("a-1", "g", "host", "1.0", 42) { ClusterId = "c1", From = "a-1" },
            new IntervalStats(7, "http", 3.001, "1 KeepConstant(2, 00:00:10)", 100, 2, 2048, 1, 0, 2, 0, 101.9, "abc=", null) { ClusterId = "c1" },
            new HeartbeatReply(3, 10, 20, MemberState.Running, 7) { ClusterId = "c1" },
            new ProbeSamples(1, false, [new TargetSample { T = 1, RssBytes = 1e6 }]) { ClusterId = "c1" },
            new ProbeGcReply(new RetainedMark(12.5, "2 KeepConstant", 1234, "phase-end")) { ClusterId = "c1" },
        ];
        foreach (var message in messages)
        {
            Assert.True(gate.TryAccept(ClusterCodec.Encode(message), out var decoded));
            Assert.Equal(message.GetType(), decoded!.GetType());
        }
        Assert.Equal(5, gate.Accepted);
        var stats = Encoding.UTF8.GetString(ClusterCodec.Encode(messages[1]));
        Assert.Contains("\"type\":\"interval-stats\"", stats, StringComparison.Ordinal);
        var reply = Encoding.UTF8.GetString(ClusterCodec.Encode(messages[2]));
        Assert.Contains("\"state\":\"running\"", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void The_probes_memory_limit_is_an_additive_field_an_older_probe_leaves_out()
    {
        var gate = new MessageGate("c1");
        var ready = new ProbeReady(true, 42, "app", 1.5, null) { ClusterId = "c1", MemoryLimitBytes = 2e9, MemoryLimitSource = "machine memory" };
        Assert.True(gate.TryAccept(ClusterCodec.Encode(ready), out var decoded));
        Assert.Equal(2e9, Assert.IsType<ProbeReady>(decoded).MemoryLimitBytes);
        Assert.Equal("machine memory", ((ProbeReady)decoded!).MemoryLimitSource);

        var older = "{\"type\":\"probe-ready\",\"v\":1,\"clusterId\":\"c1\",\"ready\":true,\"pid\":42,\"target\":\"app\"}";
        Assert.True(gate.TryAccept(Encoding.UTF8.GetBytes(older), out var old));
        Assert.Null(Assert.IsType<ProbeReady>(old).MemoryLimitBytes);
    }

    [Fact]
    public void A_stop_for_the_agents_only_round_trips_and_an_older_stop_means_everyone()
    {
        var gate = new MessageGate("c1");
        Assert.True(gate.TryAccept(ClusterCodec.Encode(new StopRun("guard", false) { ClusterId = "c1", AgentsOnly = true }), out var decoded));
        Assert.True(Assert.IsType<StopRun>(decoded).AgentsOnly);

        var older = "{\"type\":\"stop\",\"v\":1,\"clusterId\":\"c1\",\"reason\":\"the load ended\",\"release\":false}";
        Assert.True(gate.TryAccept(Encoding.UTF8.GetBytes(older), out var old));
        Assert.False(Assert.IsType<StopRun>(old).AgentsOnly);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":\"no-such-message\",\"v\":1,\"clusterId\":\"c1\"}")]
    [InlineData("{\"type\":\"interval-stats\",\"v\":1,\"clusterId\":\"c1\",\"ok\":\"many\"}")]
    [InlineData("{\"type\":\"heartbeat\",\"v\":1,\"clusterId\":\"c1\",\"seq\":1e400}")]
    [InlineData("{\"type\":\"heartbeat\",\"v\":1,\"clusterId\":\"c1\"")]
    [InlineData("null")]
    public void Malformed_payloads_are_counted_and_dropped(string payload)
    {
        var gate = new MessageGate("c1");
        Assert.False(gate.TryAccept(Encoding.UTF8.GetBytes(payload), out var message));
        Assert.Null(message);
        Assert.Equal(1, gate.Malformed);
        Assert.Equal(0, gate.Accepted);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_without_a_stack_overflow()
    {
        var gate = new MessageGate("c1");
        var deep = "{\"type\":\"heartbeat\",\"v\":1,\"clusterId\":\"c1\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        Assert.False(gate.TryAccept(Encoding.UTF8.GetBytes(deep), out _));
        Assert.Equal(1, gate.Malformed);
    }

    [Fact]
    public void Another_clusters_or_versions_messages_are_counted_apart()
    {
        var gate = new MessageGate("c1");
        Assert.False(gate.TryAccept(ClusterCodec.Encode(new StopRun("x", false) { ClusterId = "c2" }), out _));
        Assert.False(gate.TryAccept(ClusterCodec.Encode(new StopRun("x", false) { ClusterId = "c1", V = 99 }), out _));
        Assert.Equal(1, gate.Foreign);
        Assert.Equal(1, gate.OtherVersion);
        Assert.Equal(2, gate.Dropped);
    }

    [Fact]
    public void Subjects_are_scoped_by_cluster_id()
    {
        var one = new ClusterSubjects("one");
        var two = new ClusterSubjects("two");
        Assert.Equal("loadleak.one.stats", one.Stats);
        Assert.NotEqual(one.Member("a"), two.Member("a"));
        Assert.Throws<ArgumentException>(() => new ClusterSubjects("a.b"));
        Assert.Throws<ArgumentException>(() => one.Member("*"));
        Assert.Equal("build-host-7", ClusterSubjects.ToToken("build.host 7"));
    }
}
