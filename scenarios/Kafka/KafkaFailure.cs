namespace LoadLeak.Scenarios.Kafka;

/// <summary>A Kafka error as the response shows it: the librdkafka ErrorCode name and its reason.</summary>
internal sealed record KafkaFailure(string Code, string Reason);
