using System.Diagnostics;
using Confluent.Kafka;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// The delivery accounting of one <see cref="KafkaBatch"/>: a countdown the last report ends, the first failure, and the
/// sums the per-message latency needs, so a report costs a few interlocked adds on librdkafka's delivery-report thread.
/// Timestamps are kept relative to <see cref="Started"/> so their sums cannot overflow.
/// A mutable struct, so that it lives inside the (reused) batch object and a message costs no object of its own. Use it
/// only through the batch's field, which is not readonly: a copy (a readonly field, a local, a property returning it)
/// would take the interlocked operations and the counts they keep away from the batch.
/// </summary>
internal struct KafkaDeliveryCounts
{
    private static readonly KafkaFailure NotPersisted = new(nameof(PersistenceStatus.NotPersisted), "broker did not persist the message");

    private int _remaining;
    private int _failed;
    private int _unsent;
    private int _possiblyPersisted;
    private long _ackTicksSum;
    private long _sendTicksSum;
    private long _lastSend;
    private long _completedTicks;
    private KafkaFailure? _firstFailure;

    public int Size { get; private set; }

    /// <summary>When the batch was made (a Stopwatch timestamp); 0 for a batch of one, which reads no clock (see <see cref="Now"/>).</summary>
    public long Started { get; private set; }

    /// <summary>Messages that failed: a failed delivery report, NotPersisted, or never handed to librdkafka.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public bool AnyPossiblyPersisted => Volatile.Read(ref _possiblyPersisted) > 0;
    public KafkaFailure? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <summary>Send of the first message to the report of the last: the latency the batch is recorded with.</summary>
    public double ElapsedMs => Ticks(Volatile.Read(ref _completedTicks));

    /// <summary>Messages handed to librdkafka (each gets a report).</summary>
    public int Sent => Size - Volatile.Read(ref _unsent);

    /// <summary>The mean of each sent message's own send-to-report time, in ms (read once the batch completed).</summary>
    public double MeanMessageMs => Sent == 0 ? 0 : Ticks(Interlocked.Read(ref _ackTicksSum) - _sendTicksSum) / Sent;

    /// <summary>Counts <paramref name="size"/> messages afresh. The clock is read last: it is the batch's start.</summary>
    public void Reset(int size)
    {
        Size = size;
        _remaining = size;
        _failed = _unsent = _possiblyPersisted = 0;
        _ackTicksSum = _sendTicksSum = _lastSend = _completedTicks = 0;
        _firstFailure = null;
        Started = size == 1 ? 0 : Stopwatch.GetTimestamp();
    }

    /// <summary>Call just before handing the next message to the producer (sender thread only).</summary>
    public void Sending()
    {
        _lastSend = Stopwatch.GetTimestamp() - Started;
        _sendTicksSum += _lastSend;
    }

    /// <summary>
    /// Instead of <see cref="Sending"/> per message: messages 0 to <paramref name="count"/> - 1 are handed over back to
    /// back between two timestamps, so their send times are taken as evenly spread (two clock reads per batch instead
    /// of one per message). Call before the last of them is handed over, so its report cannot complete the batch first.
    /// </summary>
    public void SendingEvenly(int count, long firstSend, long lastSend)
    {
        _lastSend = 0; // a later Abandon's message is not in the sum
        _sendTicksSum = count * (firstSend - Started + (lastSend - Started)) / 2;
    }

    /// <summary>
    /// Message <paramref name="index"/> could not be produced (after <see cref="Sending"/>); it and the rest are never
    /// sent. True when that ended the countdown (every sent message had already been reported): the batch completes.
    /// </summary>
    public bool Abandon(int index, KafkaFailure failure)
    {
        _sendTicksSum -= _lastSend;
        var unsent = Size - index;
        Volatile.Write(ref _unsent, unsent);
        Interlocked.Add(ref _failed, unsent);
        RecordFailure(failure);
        return Interlocked.Add(ref _remaining, -unsent) == 0;
    }

    /// <summary>
    /// The clock for a batch's timestamps. A batch of one reads none: its response leaves the latency to the engine (see
    /// <see cref="KafkaBatchRun"/>), and nothing else of it is timed.
    /// </summary>
    public readonly long Now() => Size == 1 ? Started : Stopwatch.GetTimestamp();

    /// <summary>
    /// One message's delivery report: its error (null if none) and persistence status; NotPersisted without an
    /// error fails too. <paramref name="reportedAt"/> is a Stopwatch timestamp.
    /// True when this was the batch's last outstanding report: the batch then completes.
    /// </summary>
    public bool Delivered(KafkaFailure? error, PersistenceStatus status, long reportedAt)
    {
        Interlocked.Add(ref _ackTicksSum, reportedAt - Started);
        if (error is not null) Fail(error);
        else if (status == PersistenceStatus.NotPersisted) Fail(NotPersisted);
        else if (status == PersistenceStatus.PossiblyPersisted) Interlocked.Increment(ref _possiblyPersisted);
        return Interlocked.Decrement(ref _remaining) == 0;
    }

    /// <summary>The batch's last report arrived at <paramref name="completedAt"/> (a Stopwatch timestamp).</summary>
    public void Completed(long completedAt) => Volatile.Write(ref _completedTicks, completedAt - Started);

    private void Fail(KafkaFailure failure)
    {
        Interlocked.Increment(ref _failed);
        RecordFailure(failure);
    }

    private void RecordFailure(KafkaFailure failure)
    {
        if (Volatile.Read(ref _firstFailure) is null)
            Interlocked.CompareExchange(ref _firstFailure, failure, null);
    }

    private static double Ticks(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
