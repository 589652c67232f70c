using System.Diagnostics;
using Confluent.Kafka;
using LoadLeak.Engine.Api;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// One iteration of batch mode: produce the batch and answer with one response counting every message, set by the
/// batch when its last delivery report arrives. Ok (counting N) when all were persisted; otherwise Fail (counting N)
/// with the first error, as the batch is the unit the engine sees (the real number of failed messages is in the
/// tally). The latency is the batch's first send to last report, an upper bound on each message's own.
/// A batch of one is a single message: its response reads as one (no batch wording, not tallied).
/// No async method and, where the producer watches the run's token itself, no registration per iteration: at
/// BatchSize 1 both cost as much CPU as a message's whole trip through librdkafka (bench/README.md, Session 9).
/// </summary>
internal static class KafkaBatchRun
{
    public static Task<Response> Run(IKafkaProducerClient client, KafkaBatch batch, CancellationToken token)
    {
        if (token.CanBeCanceled && !client.CancelsWaitsOn(token)) batch.CancelOn(token);
        client.Produce(batch, token);
        return batch.Completion;
    }

    /// <summary>The response of a batch whose last report arrived (on the delivery thread).</summary>
    public static Response Answer(KafkaBatch batch)
    {
        if (batch.FirstFailure is { } first)
            return Response.Fail(first.Code, batch.Size == 1 ? first.Reason : $"{first.Reason} (one failed message fails its batch of {batch.Size})",
                batch.Bytes, batch.ElapsedMs, batch.Size);
        var status = batch.AnyPossiblyPersisted ? nameof(PersistenceStatus.PossiblyPersisted) : nameof(PersistenceStatus.Persisted);
        return Response.Ok(status, batch.Bytes, customLatencyMs: batch.ElapsedMs, count: batch.Size);
    }

    /// <summary>The response of a batch whose wait the run's stop ended before its last report.</summary>
    public static Response Cancelled(KafkaBatch batch) =>
        Response.Fail("cancelled", batch.Size == 1 ? "the run stopped before the delivery report"
            : "the run stopped before the batch's delivery reports",
            batch.Bytes, Stopwatch.GetElapsedTime(batch.Started).TotalMilliseconds, batch.Size);
}
