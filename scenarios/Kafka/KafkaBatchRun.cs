using Confluent.Kafka;
using LoadLeak.Engine.Api;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// One iteration of batch mode: produce the batch, await its last delivery report, answer with one response
/// counting every message. Ok (counting N) when all were persisted; otherwise Fail (counting N) with the first
/// error, as the batch is the unit the engine sees (the real number of failed messages is in the tally). The
/// latency is the batch's first send to last report, an upper bound on each message's own.
/// A batch of one is a single message: its response reads as one (no batch wording, not tallied).
/// </summary>
internal static class KafkaBatchRun
{
    public static async Task<Response> RunAsync(IKafkaProducerClient client, KafkaBatch batch, IScenarioContext context, long messageBytes,
        KafkaBatchTally? tally)
    {
        var token = context.CancellationToken;
        using var registration = token.CanBeCanceled ? token.Register(static b => ((KafkaBatch)b!).Cancel(), batch) : default;
        client.Produce(batch);
        var bytes = messageBytes * batch.Size;
        try
        {
            await batch.Completion;
        }
        catch (OperationCanceledException)
        {
            return Response.Fail("cancelled", batch.Size == 1 ? "the run stopped before the delivery report"
                : "the run stopped before the batch's delivery reports",
                bytes, System.Diagnostics.Stopwatch.GetElapsedTime(batch.Started).TotalMilliseconds, batch.Size);
        }
        tally?.Add(batch);
        if (batch.FirstFailure is { } first)
            return Response.Fail(first.Code, batch.Size == 1 ? first.Reason : $"{first.Reason} (one failed message fails its batch of {batch.Size})",
                bytes, batch.ElapsedMs, batch.Size);
        var status = batch.AnyPossiblyPersisted ? nameof(PersistenceStatus.PossiblyPersisted) : nameof(PersistenceStatus.Persisted);
        return Response.Ok(status, bytes, customLatencyMs: batch.ElapsedMs, count: batch.Size);
    }
}
