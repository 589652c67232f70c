using System.Globalization;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// What batch mode's single response per batch hides, summed over the run: how far the recorded latency
/// (send of the first message to the report of the last) is above each message's own send-to-report time,
/// and how many messages of the failed batches really failed. One set of interlocked adds per batch.
/// </summary>
internal sealed class KafkaBatchTally
{
    private long _batches, _messagesSent, _failedBatches, _failedMessages, _messagesInFailedBatches;
    private long _batchMicrosSum, _messageMicrosSum;

    internal void Add(KafkaBatch batch)
    {
        Interlocked.Increment(ref _batches);
        var sent = batch.Sent;
        Interlocked.Add(ref _messagesSent, sent);
        Interlocked.Add(ref _batchMicrosSum, (long)(batch.ElapsedMs * 1000));
        Interlocked.Add(ref _messageMicrosSum, (long)(batch.MeanMessageMs * 1000 * sent));
        if (batch.Failed == 0) return;
        Interlocked.Increment(ref _failedBatches);
        Interlocked.Add(ref _failedMessages, batch.Failed);
        Interlocked.Add(ref _messagesInFailedBatches, batch.Size);
    }

    public KafkaBatchFigures Read()
    {
        var batches = Interlocked.Read(ref _batches);
        var sent = Interlocked.Read(ref _messagesSent);
        return new KafkaBatchFigures(batches,
            batches == 0 ? 0 : Interlocked.Read(ref _batchMicrosSum) / 1000.0 / batches,
            sent == 0 ? 0 : Interlocked.Read(ref _messageMicrosSum) / 1000.0 / sent,
            Interlocked.Read(ref _failedBatches), Interlocked.Read(ref _failedMessages), Interlocked.Read(ref _messagesInFailedBatches));
    }
}

/// <summary>Batch mode's run totals (warm-up included, as they are counted in the scenario, not the engine).</summary>
/// <param name="MeanBatchMs">Mean of the latency each batch was recorded with (send of its first message to report of its last).</param>
/// <param name="MeanMessageMs">Mean of every sent message's own send-to-report time.</param>
/// <param name="FailedMessages">Messages that really failed in the failed batches (the engine counts every message of those batches as
/// failed).</param>
internal sealed record KafkaBatchFigures(long Batches, double MeanBatchMs, double MeanMessageMs, long FailedBatches, long FailedMessages,
    long MessagesInFailedBatches)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Batches} batches; recorded latency (first send to last report) mean {MeanBatchMs:0.00} ms, each message's own send-to-report mean " +
            $"{MeanMessageMs:0.00} ms; " +
        $"{FailedBatches} failed batches held {FailedMessages} failed of {MessagesInFailedBatches} messages (all counted as failed)");
}
