using System.Diagnostics;
using Confluent.Kafka;
using LoadLeak.Engine.Api;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// The delivery reports of one batch: a countdown the last report completes, the first failure, and the
/// sums the per-message latency needs. One object, one task source and its task per batch, nothing per message,
/// so a report costs a few interlocked adds on librdkafka's delivery-report thread. Both producers report
/// here: Confluent's through <see cref="OnReport"/>, the native one through <see cref="Delivered"/>.
/// The batch answers its iteration itself: <see cref="Completion"/> is the iteration's response (see
/// <see cref="KafkaBatchRun"/>), set when the last report arrives or the run stops, whichever is first, so no
/// async method waits in between. Timestamps are kept relative to <see cref="Started"/> so their sums cannot overflow.
/// </summary>
internal sealed class KafkaBatch
{
    private static readonly KafkaFailure NotPersisted = new(nameof(PersistenceStatus.NotPersisted), "broker did not persist the message");

    // Inline continuations: the copy's next batch is produced on librdkafka's delivery-report thread. Measured
    // (bench/kafka.sh, 2026-11-27): RunContinuationsAsynchronously cost ~2.6x the CPU per message at B=100 and 1000.
    private readonly TaskCompletionSource<Response> _done = new(TaskCreationOptions.None);
    private readonly long _messageBytes;
    private readonly KafkaBatchTally? _tally;
    private CancellationTokenRegistration _registration;
    private int _settled;
    private int _remaining;
    private int _failed;
    private int _unsent;
    private int _possiblyPersisted;
    private long _ackTicksSum;
    private long _sendTicksSum;
    private long _lastSend;
    private long _completedTicks;
    private KafkaFailure? _firstFailure;
    private Action<DeliveryReport<Null, byte[]>>? _onReport;

    /// <param name="size">Messages in the batch.</param>
    /// <param name="messageBytes">One message's bytes, for the response's size.</param>
    /// <param name="tally">Batch mode's run totals, or null (a batch of one is not tallied).</param>
    public KafkaBatch(int size, long messageBytes = 0, KafkaBatchTally? tally = null)
    {
        Size = size;
        _messageBytes = messageBytes;
        _tally = tally;
        _remaining = size;
        Started = Stopwatch.GetTimestamp();
    }

    public int Size { get; }
    public long Started { get; }

    /// <summary>Confluent's delivery handler for every message of this batch (one delegate for all of them; sender thread only).</summary>
    public Action<DeliveryReport<Null, byte[]>> OnReport => _onReport ??= Report;

    /// <summary>The iteration's response: the batch's outcome, or "cancelled" if the run stopped first.</summary>
    public Task<Response> Completion => _done.Task;

    public long Bytes => _messageBytes * Size;

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
    /// Message <paramref name="index"/> could not be produced (after <see cref="Sending"/>); it and the rest are never sent.
    /// True when that completed the batch (every sent message had already been reported).
    /// </summary>
    public bool Abandon(int index, KafkaFailure failure)
    {
        _sendTicksSum -= _lastSend;
        var unsent = Size - index;
        Volatile.Write(ref _unsent, unsent);
        Interlocked.Add(ref _failed, unsent);
        RecordFailure(failure);
        if (Interlocked.Add(ref _remaining, -unsent) != 0) return false;
        Complete(Stopwatch.GetTimestamp());
        return true;
    }

    /// <summary>
    /// Answers the wait with "cancelled" (not the messages, whose reports may still arrive and are then ignored).
    /// Any thread; only the first of Cancel and <see cref="Complete"/> answers.
    /// </summary>
    public void Cancel()
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0) return;
        _registration.Unregister();
        _done.SetResult(KafkaBatchRun.Cancelled(this));
    }

    /// <summary>Cancels this batch's wait when <paramref name="token"/> is (call before its first message is handed over).</summary>
    public void CancelOn(CancellationToken token) =>
        _registration = token.Register(static b => ((KafkaBatch)b!).Cancel(), this);

    private void Report(DeliveryReport<Null, byte[]> report)
    {
        var now = Stopwatch.GetTimestamp();
        if (Delivered(report.Error.IsError ? new KafkaFailure(report.Error.Code.ToString(), report.Error.Reason) : null, report.Status, now))
            Complete(now);
    }

    /// <summary>
    /// One message's delivery report: its error (null if none) and persistence status; NotPersisted without an
    /// error fails too. <paramref name="reportedAt"/> is a Stopwatch timestamp.
    /// True when this was the batch's last outstanding report: the caller then calls <see cref="Complete"/>, which
    /// runs the waiting iteration's continuation inline.
    /// </summary>
    public bool Delivered(KafkaFailure? error, PersistenceStatus status, long reportedAt)
    {
        Interlocked.Add(ref _ackTicksSum, reportedAt - Started);
        if (error is not null) Fail(error);
        else if (status == PersistenceStatus.NotPersisted) Fail(NotPersisted);
        else if (status == PersistenceStatus.PossiblyPersisted) Interlocked.Increment(ref _possiblyPersisted);
        return Interlocked.Decrement(ref _remaining) == 0;
    }

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

    /// <summary>
    /// Ends the wait: the batch's last report arrived at <paramref name="completedAt"/> (a Stopwatch timestamp). The
    /// iteration's continuation runs here, inline.
    /// </summary>
    public void Complete(long completedAt)
    {
        Volatile.Write(ref _completedTicks, completedAt - Started);
        if (Interlocked.Exchange(ref _settled, 1) != 0) return; // cancelled first: its wait was answered
        _registration.Unregister();
        _tally?.Add(this);
        _done.SetResult(KafkaBatchRun.Answer(this));
    }

    private static double Ticks(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>A Kafka error as the response shows it: the librdkafka ErrorCode name and its reason.</summary>
internal sealed record KafkaFailure(string Code, string Reason);
