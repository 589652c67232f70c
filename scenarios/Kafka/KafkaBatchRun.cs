using System.Diagnostics;
using Confluent.Kafka;
using LoadLeak.Engine.Api;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// One iteration of batch mode: produce the batch and answer with one response counting every message, set by the
/// batch when its last delivery report arrives. Ok (counting N) when all were persisted; otherwise Fail (counting N)
/// with the first error, as the batch is the unit the engine sees (the real number of failed messages is in the
/// tally). The latency is the batch's first send to last report, an upper bound on each message's own.
/// A batch of one is a single message: its response reads as one (no batch wording, not tallied) and carries no
/// latency, so the engine records its own measure of the iteration: from just before the send to the continuation the
/// report (or the run's stop) runs inline, the message's send-to-ack within the engine's own bookkeeping. So a
/// message reads no clock in the scenario, and an Ok one is answered with the same response object every time.
/// No async method and, where the producer watches the run's token itself, no registration per iteration: at
/// BatchSize 1 both cost as much CPU as a message's whole trip through librdkafka (bench/README.md, Session 9).
/// </summary>
internal static class KafkaBatchRun
{
    public static ValueTask<Response> Run(IKafkaProducerClient client, KafkaBatch batch, CancellationToken token)
    {
        if (token.CanBeCanceled && !client.CancelsWaitsOn(token)) batch.CancelOn(token);
        var completion = batch.Completion; // read before the produce, whose reports may answer it on another thread
        client.Produce(batch, token);
        return completion;
    }

    /// <summary>The response of a batch whose last report arrived (on the delivery thread).</summary>
    public static Response Answer(KafkaBatch batch)
    {
        if (batch.FirstFailure is { } first)
            return batch.Size == 1 ? Response.Fail(first.Code, first.Reason, batch.Bytes)
                : Response.Fail(first.Code, $"{first.Reason} (one failed message fails its batch of {batch.Size})",
                    batch.Bytes, batch.ElapsedMs, batch.Size);
        if (batch.Size == 1) return batch.OkOfOne(batch.AnyPossiblyPersisted);
        var status = batch.AnyPossiblyPersisted ? nameof(PersistenceStatus.PossiblyPersisted) : nameof(PersistenceStatus.Persisted);
        return Response.Ok(status, batch.Bytes, customLatencyMs: batch.ElapsedMs, count: batch.Size);
    }

    /// <summary>The response of a batch whose wait the run's stop ended before its last report.</summary>
    public static Response Cancelled(KafkaBatch batch) => batch.Size == 1
        ? Response.Fail("cancelled", "the run stopped before the delivery report", batch.Bytes)
        : Response.Fail("cancelled", "the run stopped before the batch's delivery reports", batch.Bytes,
            Stopwatch.GetElapsedTime(batch.Started).TotalMilliseconds, batch.Size);
}
