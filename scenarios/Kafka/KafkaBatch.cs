using System.Diagnostics;
using System.Threading.Tasks.Sources;
using Confluent.Kafka;
using LoadLeak.Engine.Api;
using LoadLeak.Scenarios.Kafka.Native;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// The delivery reports of one batch: a countdown the last report completes, the first failure, and the
/// sums the per-message latency needs, so a report costs a few interlocked adds on librdkafka's delivery-report
/// thread. Both producers report here: Confluent's through <see cref="OnReport"/>, the native one through
/// <see cref="Report"/>. The batch answers its iteration itself: <see cref="Completion"/> is the iteration's
/// response (see <see cref="KafkaBatchRun"/>), set when the last report arrives or the run stops, whichever is
/// first, so no async method waits in between. Timestamps are kept relative to <see cref="Started"/> so their sums
/// cannot overflow.
/// The native producer's batches are reused (<see cref="KafkaBatchSlots"/>): the batch is its own ValueTask source,
/// and goes back to its slot once its last report arrived and its waiter read the response, so a message costs no
/// object of its own. A batch made with <c>new</c> is used once.
/// </summary>
internal sealed class KafkaBatch : IValueTaskSource<Response>
{
    private static readonly KafkaFailure NotPersisted = new(nameof(PersistenceStatus.NotPersisted), "broker did not persist the message");

    // Inline continuations: the copy's next batch is produced on librdkafka's delivery-report thread. Measured
    // (bench/kafka.sh, 2026-11-27): asynchronous continuations cost ~2.6x the CPU per message at B=100 and 1000.
    private ManualResetValueTaskSourceCore<Response> _done;
    private readonly KafkaBatchSlots? _owner;
    private long _messageBytes;
    private KafkaBatchTally? _tally;
    private CancellationTokenRegistration _registration;
    private Response? _persistedOne, _possiblyPersistedOne; // a reused batch of one answers Ok with these
    private int _holds; // the last report and the waiter: the batch is reused when both let go
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
        Reset(size, messageBytes, tally);
    }

    /// <summary>A reusable batch of <paramref name="owner"/>'s slot <paramref name="slot"/>; <see cref="Reset"/> before each use.</summary>
    internal KafkaBatch(KafkaBatchSlots owner, int slot)
    {
        _owner = owner;
        Slot = slot;
    }

    public int Size { get; private set; }

    /// <summary>When the batch was made (a Stopwatch timestamp); 0 for a batch of one, which reads no clock (see <see cref="Now"/>).</summary>
    public long Started { get; private set; }

    /// <summary>The slot id a native producer's message carries as its opaque; -1 for a batch used once.</summary>
    public int Slot { get; } = -1;

    /// <summary>Confluent's delivery handler for every message of this batch (one delegate for all of them; sender thread only).</summary>
    public Action<DeliveryReport<Null, byte[]>> OnReport => _onReport ??= Report;

    /// <summary>The iteration's response: the batch's outcome, or "cancelled" if the run stopped first. Await it once.</summary>
    public ValueTask<Response> Completion => new(this, _done.Version);

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

    /// <summary>
    /// Makes the batch new: called by its slot table under its lock, before anyone else can see it. The settled flag
    /// is cleared last, so a late <see cref="Cancel"/> meant for the previous use either finds it still settled or
    /// answers this use (it only comes when the run stops, which ends this use too).
    /// </summary>
    internal void Reset(int size, long messageBytes, KafkaBatchTally? tally)
    {
        Size = size;
        _messageBytes = messageBytes;
        _tally = tally;
        _registration = default;
        _holds = 2;
        _remaining = size;
        _failed = _unsent = _possiblyPersisted = 0;
        _ackTicksSum = _sendTicksSum = _lastSend = _completedTicks = 0;
        _firstFailure = null;
        _done.Reset();
        Started = size == 1 ? 0 : Stopwatch.GetTimestamp();
        Volatile.Write(ref _settled, 0);
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
    /// sent. True when that completed the batch (every sent message had already been reported): its waiter was answered here.
    /// </summary>
    public bool Abandon(int index, KafkaFailure failure)
    {
        _sendTicksSum -= _lastSend;
        var unsent = Size - index;
        Volatile.Write(ref _unsent, unsent);
        Interlocked.Add(ref _failed, unsent);
        RecordFailure(failure);
        if (Interlocked.Add(ref _remaining, -unsent) != 0) return false;
        Complete(Now());
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

    private void Report(DeliveryReport<Null, byte[]> report) =>
        Report(report.Error.IsError ? new KafkaFailure(report.Error.Code.ToString(), report.Error.Reason) : null, report.Status);

    /// <summary>
    /// One message's delivery report, on the delivery thread: <see cref="Delivered"/>, then <see cref="Complete"/> if it
    /// was the last, which runs the waiting iteration's continuation inline.
    /// </summary>
    public void Report(KafkaFailure? error, PersistenceStatus status)
    {
        var now = Now();
        if (Delivered(error, status, now)) Complete(now);
    }

    /// <summary>
    /// The clock for a batch's timestamps. A batch of one reads none: its response leaves the latency to the engine (see
    /// <see cref="KafkaBatchRun"/>), and nothing else of it is timed.
    /// </summary>
    private long Now() => Size == 1 ? Started : Stopwatch.GetTimestamp();

    /// <summary>
    /// One message's delivery report: its error (null if none) and persistence status; NotPersisted without an
    /// error fails too. <paramref name="reportedAt"/> is a Stopwatch timestamp.
    /// True when this was the batch's last outstanding report: the caller then calls <see cref="Complete"/>.
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
    /// iteration's continuation runs here, inline. No report can come after this one, so the reports' hold ends here.
    /// </summary>
    public void Complete(long completedAt)
    {
        Volatile.Write(ref _completedTicks, completedAt - Started);
        if (Interlocked.Exchange(ref _settled, 1) == 0) // else cancelled first: its wait was answered
        {
            _registration.Unregister();
            _tally?.Add(this);
            _done.SetResult(KafkaBatchRun.Answer(this));
        }
        Let();
    }

    /// <summary>The Ok response of a batch of one: made once per reused batch, as its fields never change.</summary>
    internal Response OkOfOne(bool possiblyPersisted) => possiblyPersisted
        ? _possiblyPersistedOne ??= Response.Ok(nameof(PersistenceStatus.PossiblyPersisted), Bytes)
        : _persistedOne ??= Response.Ok(nameof(PersistenceStatus.Persisted), Bytes);

    Response IValueTaskSource<Response>.GetResult(short token)
    {
        var response = _done.GetResult(token);
        Let();
        return response;
    }

    ValueTaskSourceStatus IValueTaskSource<Response>.GetStatus(short token) => _done.GetStatus(token);

    void IValueTaskSource<Response>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _done.OnCompleted(continuation, state, token, flags);

    private void Let()
    {
        if (Interlocked.Decrement(ref _holds) == 0) _owner?.Release(Slot);
    }

    private static double Ticks(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
