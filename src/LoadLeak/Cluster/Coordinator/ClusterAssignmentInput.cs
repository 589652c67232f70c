using LoadLeak.Results;
namespace LoadLeak.Cluster.Coordinator;

/// <summary>What the coordinator hands the agents: the config as read, the run's scenarios, placeholders and scale.</summary>
internal sealed record ClusterAssignmentInput(
    string ConfigJson,
    string ConfigSource,
    IReadOnlyList<string> Scenarios,
    IReadOnlyDictionary<string, string> Placeholders,
    string? KafkaBootstrap,
    double DurationScale);
