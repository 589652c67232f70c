using LoadLeak.Engine.Api;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// How the Kafka scenario hands messages to librdkafka and hears back: Confluent.Kafka's producer or the
/// native one (<see cref="Native.NativeKafkaProducer"/>). Both send the same bytes with the same settings
/// and report each message's outcome to its <see cref="KafkaBatch"/> on librdkafka's delivery thread.
/// </summary>
internal interface IKafkaProducerClient
{
    /// <summary>One message, awaited: the response is its delivery report, the latency its send-to-ack.</summary>
    Task<Response> RunOneAsync(IScenarioContext context);

    /// <summary>
    /// Hands the batch's messages to librdkafka back to back; each delivery report goes to the batch. A message
    /// librdkafka refuses (e.g. Local_QueueFull) abandons the batch there.
    /// </summary>
    void Produce(KafkaBatch batch);

    /// <summary>Flushes for at most <paramref name="flushTimeout"/>, then releases the producer. Never called on its delivery thread.</summary>
    void Close(TimeSpan flushTimeout);
}
