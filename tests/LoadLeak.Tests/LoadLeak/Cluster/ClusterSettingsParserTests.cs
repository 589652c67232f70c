using LoadLeak.Cluster.Planning;
using LoadLeak.Engine;
using LoadLeak.Results;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public class ClusterSettingsParserTests
{
    private static readonly string[] Scenarios = ["http", "grpc", "kafka"];

    private static ClusterSettings? Parse(string? json, ClusterFlags? flags = null) =>
        ClusterSettingsParser.Parse(json, "cfg.json", flags ?? new ClusterFlags(), Scenarios, ["http", "grpc"]);

    [Fact]
    public void No_cluster_settings_and_no_flags_is_a_local_run()
    {
        Assert.Null(Parse("""{"TestName":"x"}"""));
        Assert.Null(Parse(null));
    }

    [Fact]
    public void NBomber_AutoCluster_is_read()
    {
        var settings = Parse("""
            { "ClusterSettings": { "AutoCluster": {
                "ClusterId": "test_cluster", "NATSServerURL": "nats://localhost",
                "Agent": { "TargetScenarios": ["http"], "AgentsCount": 3 } } } }
            """)!;
        Assert.Equal("test_cluster", settings.ClusterId);
        Assert.Equal("nats://localhost", settings.Endpoint!.Url);
        Assert.Equal(3, settings.AgentsCount);
        Assert.Equal(["http"], Assert.Single(settings.Groups).TargetScenarios);
        Assert.Equal(ClusterSettings.DefaultTimeout, settings.Timeout);
    }

    [Fact]
    public void Agent_scenarios_default_to_the_runs_targets()
    {
        var settings = Parse("""{ "ClusterSettings": { "AutoCluster": { "ClusterId": "c", "NATSServerURL": "nats://h:4222" } } }""")!;
        Assert.Equal(["http", "grpc"], Assert.Single(settings.Groups).TargetScenarios);
        Assert.Equal(1, settings.AgentsCount);
    }

    [Fact]
    public void ManualCluster_agent_groups_are_read()
    {
        var settings = Parse("""
            { "ClusterSettings": { "ManualCluster": { "ClusterId": "c", "NATSServerURL": "nats://h",
              "Agent": { "AgentGroups": [ { "AgentGroup": "1", "TargetScenarios": ["http"] },
                                          { "AgentGroup": "2", "TargetScenarios": ["grpc", "kafka"] } ], "AgentsCount": 3 } } } }
            """)!;
        Assert.Equal(["1", "2"], settings.Groups.Select(g => g.Name));
        Assert.Equal(["grpc", "kafka"], Assert.Single(settings.GroupsOf("2")).TargetScenarios);
        Assert.Single(settings.GroupsOf("1"));
        Assert.Empty(settings.GroupsOf("3"));
    }

    [Fact]
    public void Flags_win_over_the_json()
    {
        var settings = Parse("""
            { "ClusterSettings": { "AutoCluster": { "ClusterId": "c", "NATSServerURL": "nats://h", "Agent": { "AgentsCount": 2 } } } }
            """,
            new ClusterFlags(ClusterId: "other", AgentsCount: 5, NatsUrl: "nats://user:pw@10.0.0.1:4223", Probe: true, Timeout: "90s"))!;
        Assert.Equal("other", settings.ClusterId);
        Assert.Equal(5, settings.AgentsCount);
        Assert.Equal("nats://user:pw@10.0.0.1:4223", settings.Endpoint!.Url);
        Assert.Equal("nats://***@10.0.0.1:4223", settings.Endpoint.Redacted);
        Assert.True(settings.WaitForProbe);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.Timeout);
    }

    [Fact]
    public void Cluster_local_needs_no_url_and_picks_an_id()
    {
        var settings = Parse(null, new ClusterFlags(Local: 2))!;
        Assert.True(settings.IsLocal);
        Assert.Equal(2, settings.AgentsCount);
        Assert.Null(settings.Endpoint);
        Assert.StartsWith("local-", settings.ClusterId, StringComparison.Ordinal);
    }

    private const string IdAndUrl = "\"ClusterId\":\"c\",\"NATSServerURL\":\"nats://h\"";
    private const string TwoGroupsOneAgent =
        """ ,"Agent":{"AgentsCount":1,"AgentGroups":[{"AgentGroup":"1","TargetScenarios":["http"]},""" +
        """{"AgentGroup":"2","TargetScenarios":["grpc"]}]} """;

    [Theory]
    [InlineData("Auto", """ "ClusterId":"a.b","NATSServerURL":"nats://h" """, "ClusterSettings.AutoCluster.ClusterId")]
    [InlineData("Auto", """ "ClusterId":"c","NATSServerURL":"http://h" """, "ClusterSettings.AutoCluster.NATSServerURL")]
    [InlineData("Auto", """ "ClusterId":"c","NATSServerURL":42 """, "ClusterSettings.AutoCluster.NATSServerURL")]
    [InlineData("Auto", IdAndUrl + """ ,"Agent":{"AgentsCount":0} """, "ClusterSettings.AutoCluster.Agent.AgentsCount")]
    [InlineData("Auto", IdAndUrl + """ ,"Agent":{"TargetScenarios":["nope"]} """, "ClusterSettings.AutoCluster.Agent.TargetScenarios")]
    [InlineData("Auto", IdAndUrl + """ ,"Coordinator":{"TargetScenarios":["http"]} """,
        "ClusterSettings.AutoCluster.Coordinator.TargetScenarios")]
    [InlineData("Manual", IdAndUrl + """ ,"Agent":{"AgentGroups":[{"TargetScenarios":["http"]}]} """,
        "ClusterSettings.ManualCluster.Agent.AgentGroups[0]")]
    [InlineData("Manual", IdAndUrl + TwoGroupsOneAgent, "agent groups")]
    [InlineData("Auto", """ "NATSServerURL":"nats://h" """, "--cluster-id")]
    [InlineData("Auto", """ "ClusterId":"c" """, "--cluster-nats-url")]
    public void Bad_json_values_name_their_path(string kind, string inner, string where)
    {
        var json = "{\"ClusterSettings\":{\"" + kind + "Cluster\":{" + inner + "}}}";
        var error = Assert.Throws<ConfigException>(() => Parse(json));
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_section_without_a_cluster_kind_is_named()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("""{"ClusterSettings":{}}"""));
        Assert.Contains("ClusterSettings", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cluster-id", "x y", null, null, null, null)]
    [InlineData("--cluster-agents-count", "c", -1, null, null, null)]
    [InlineData("--cluster-nats-url", "c", null, "localhost:4222", null, null)]
    [InlineData("--cluster-timeout", "c", null, "nats://h", "soon", null)]
    [InlineData("--cluster-local", null, null, null, null, 0)]
    [InlineData("--cluster-local", null, null, "nats://h", null, 2)]
    [InlineData("--cluster-agents-count", null, 3, null, null, 2)]
    public void Bad_flags_name_the_flag(string flag, string? id, int? count, string? url, string? timeout, int? local)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(null, new ClusterFlags(id, count, url, false, timeout, local)));
        Assert.Contains(flag, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_creds_file_is_named()
    {
        var error = Assert.Throws<ConfigException>(() => Parse(null, new ClusterFlags("c", 1, "nats://h", NatsCreds: "/no/such/file.creds")));
        Assert.Contains("--cluster-nats-creds", error.Message, StringComparison.Ordinal);
    }
}
