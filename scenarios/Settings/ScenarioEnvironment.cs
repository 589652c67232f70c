namespace LoadLeak.Scenarios.Settings;

/// <summary>
/// What the runner knows that a config cannot: the values of <c>{name}</c> placeholders
/// (e.g. <c>{port}</c>, <c>{grpcPort}</c> of the started target) and the embedded Kafka's bootstrap address.
/// </summary>
public sealed record ScenarioEnvironment(IReadOnlyDictionary<string, string> Placeholders, string? KafkaBootstrap)
{
    public static readonly ScenarioEnvironment Empty = new(new Dictionary<string, string>(), null);
}
