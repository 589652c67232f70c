using System.Threading.Tasks.Sources;
using Confluent.Kafka;
using LoadLeak.Engine.Api;
using LoadLeak.Scenarios.Kafka.Native;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// One batch of messages and the wait for it: its delivery reports are counted in <see cref="KafkaDeliveryCounts"/>,
/// and the last one completes it. Both producers report here: Confluent's through <see cref="OnReport"/>, the native
/// one through <see cref="Report"/>. The batch answers its iteration itself: <see cref="Completion"/> is the iteration's
/// response (see <see cref="KafkaBatchRun"/>), set when the last report arrives or the run stops, whichever is
/// first, so no async method waits in between.
/// The native producer's batches are reused (<see cref="KafkaBatchSlots"/>): the batch is its own ValueTask source,
/// and goes back to its slot once its last report arrived and its waiter read the response, so a message costs no
/// object of its own. A batch made with <c>new</c> is used once.
/// </summary>
internal sealed class KafkaBatch : IValueTaskSource<Response>
{
    // Inline continuations: the copy's next batch is produced on librdkafka's delivery-report thread. Measured
    // (bench/kafka.sh, 2026-11-27): asynchronous continuations cost ~2.6x the CPU per message at B=100 and 1000.
    private ManualResetValueTaskSourceCore<Response> _done;
    private KafkaDeliveryCounts _counts; // not readonly: its members must change this field, not a copy of it
    private readonly KafkaBatchSlots? _owner;
    private long _messageBytes;
    private KafkaBatchTally? _tally;
    private CancellationTokenRegistration _registration;
    private Response? _persistedOne, _possiblyPersistedOne; // a reused batch of one answers Ok with these
    private int _holds; // the last report and the waiter: the batch is reused when both let go
    private int _settled;
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

    /// <summary>The slot id a native producer's message carries as its opaque; -1 for a batch used once.</summary>
    public int Slot { get; } = -1;

    /// <summary>Confluent's delivery handler for every message of this batch (one delegate for all of them; sender thread only).</summary>
    public Action<DeliveryReport<Null, byte[]>> OnReport => _onReport ??= Report;

    /// <summary>The iteration's response: the batch's outcome, or "cancelled" if the run stopped first. Await it once.</summary>
    public ValueTask<Response> Completion => new(this, _done.Version);

    public long Bytes => _messageBytes * Size;

    // The delivery accounting, documented in KafkaDeliveryCounts; each call works on the field in place.
    public int Size => _counts.Size;
    public long Started => _counts.Started;
    public int Failed => _counts.Failed;
    public bool AnyPossiblyPersisted => _counts.AnyPossiblyPersisted;
    public KafkaFailure? FirstFailure => _counts.FirstFailure;
    public double ElapsedMs => _counts.ElapsedMs;
    public int Sent => _counts.Sent;
    public double MeanMessageMs => _counts.MeanMessageMs;
    public void Sending() => _counts.Sending();
    public void SendingEvenly(int count, long firstSend, long lastSend) => _counts.SendingEvenly(count, firstSend, lastSend);
    public bool Delivered(KafkaFailure? error, PersistenceStatus status, long reportedAt) => _counts.Delivered(error, status, reportedAt);

    /// <summary>
    /// Makes the batch new: called by its slot table under its lock, before anyone else can see it. The settled flag
    /// is cleared last, so a late <see cref="Cancel"/> meant for the previous use either finds it still settled or
    /// answers this use (it only comes when the run stops, which ends this use too).
    /// </summary>
    internal void Reset(int size, long messageBytes, KafkaBatchTally? tally)
    {
        _messageBytes = messageBytes;
        _tally = tally;
        _registration = default;
        _holds = 2;
        _done.Reset();
        _counts.Reset(size); // reads the batch's start from the clock, so just before the flag
        Volatile.Write(ref _settled, 0);
    }

    /// <summary>
    /// Message <paramref name="index"/> could not be produced (after <see cref="Sending"/>); it and the rest are never
    /// sent. True when that completed the batch (every sent message had already been reported): its waiter was answered here.
    /// </summary>
    public bool Abandon(int index, KafkaFailure failure)
    {
        if (!_counts.Abandon(index, failure)) return false;
        Complete(_counts.Now());
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
        var now = _counts.Now();
        if (_counts.Delivered(error, status, now)) Complete(now);
    }

    /// <summary>
    /// Ends the wait: the batch's last report arrived at <paramref name="completedAt"/> (a Stopwatch timestamp). The
    /// iteration's continuation runs here, inline. No report can come after this one, so the reports' hold ends here.
    /// </summary>
    public void Complete(long completedAt)
    {
        _counts.Completed(completedAt);
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
}
