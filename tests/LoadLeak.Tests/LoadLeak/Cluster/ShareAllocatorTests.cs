using LoadLeak.Cluster.Coordinator;
using LoadLeak.Cluster.Planning;
using LoadLeak.Results;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public class ShareAllocatorTests
{
    [Fact]
    public void Every_agent_of_an_auto_cluster_shares_every_scenario()
    {
        var settings = new ClusterSettings("c", null, 3, [new AgentGroup(AgentGroup.AnyGroup, ["http", "grpc"])], false, TimeSpan.FromSeconds(1), 0);
        var shares = ShareAllocator.Allocate(settings, [("b", ""), ("c", ""), ("a", "")], ["http", "grpc"]);

        Assert.Equal([0, 1, 2], new[] { "a", "b", "c" }.Select(id => shares[id].Single(s => s.Scenario == "http").Index));
        Assert.All(shares.Values, list => Assert.All(list, s => Assert.Equal(3, s.Of)));
        Assert.Equal([0, 1], shares["a"].Select(s => s.Rotation));
    }

    [Fact]
    public void Agent_groups_get_only_their_scenarios()
    {
        AgentGroup[] groups = [new AgentGroup("1", ["http"]), new AgentGroup("2", ["grpc", "http"])];
        var settings = new ClusterSettings("c", null, 3, groups, false, TimeSpan.FromSeconds(1), 0);
        var shares = ShareAllocator.Allocate(settings, [("a", "1"), ("b", "2"), ("c", "2")], ["http", "grpc"]);

        Assert.Equal(["http"], shares["a"].Select(s => s.Scenario));
        Assert.All(shares.Values.SelectMany(s => s).Where(s => s.Scenario == "http"), s => Assert.Equal(3, s.Of));
        Assert.Equal([0, 1], new[] { "b", "c" }.Select(id => shares[id].Single(s => s.Scenario == "grpc").Index));
        Assert.All(shares.Values.SelectMany(s => s).Where(s => s.Scenario == "grpc"), s => Assert.Equal(2, s.Of));
    }
}
