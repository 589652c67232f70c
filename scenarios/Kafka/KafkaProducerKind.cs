namespace LoadLeak.Scenarios.Kafka;

/// <summary>Which producer the Kafka scenario sends with (CustomSettings <c>Producer</c>).</summary>
public enum KafkaProducerKind
{
    /// <summary>Confluent.Kafka's producer (the default).</summary>
    Confluent,

    /// <summary>librdkafka called directly: same messages and settings, no managed allocation per message.</summary>
    Native,
}
