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
    ValueTask<Response> RunOneAsync(IScenarioContext context);

    /// <summary>A batch of <paramref name="size"/> messages for <see cref="Produce"/>; the native producer reuses them.</summary>
    KafkaBatch NewBatch(int size, KafkaBatchTally? tally);

    /// <summary>
    /// Hands the batch's messages to librdkafka back to back; each delivery report goes to the batch. A message
    /// librdkafka refuses (e.g. Local_QueueFull) abandons the batch there. <paramref name="stop"/> is the iteration's
    /// token; a producer that <see cref="CancelsWaitsOn"/> it cancels the batch's wait when it is cancelled.
    /// </summary>
    void Produce(KafkaBatch batch, CancellationToken stop);

    /// <summary>
    /// True when the producer itself cancels the waits of its outstanding batches once <paramref name="stop"/> is
    /// cancelled (one registration per run, not one per batch); false leaves it to each batch.
    /// </summary>
    bool CancelsWaitsOn(CancellationToken stop);

    /// <summary>Flushes for at most <paramref name="flushTimeout"/>, then releases the producer. Never called on its delivery thread.</summary>
    void Close(TimeSpan flushTimeout);
}
