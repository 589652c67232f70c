using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// What one agent runs: the whole config (as the coordinator read it), its shares of the scenarios, the
/// placeholders filled on the coordinator ({port}, {kafka}...), and its clock offset to the coordinator,
/// which it needs to start on the coordinator's clock. Request/reply: the agent answers once it has built
/// (and so validated) its scenarios.
/// </summary>
internal sealed record Assignment(
    string ConfigJson,
    string ConfigSource,
    IReadOnlyList<ScenarioShare> Shares,
    IReadOnlyDictionary<string, string> Placeholders,
    string? KafkaBootstrap,
    double DurationScale,
    long ClockOffsetNs) : ClusterMessage;
