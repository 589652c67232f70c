using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using LoadLeak.Engine.Api;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// The Kafka scenario's messages through librdkafka directly (<c>Producer: "native"</c>): the same value, header
/// and producer settings as <see cref="ConfluentKafkaProducer"/>, without its per-message managed work (a delivery
/// delegate and GCHandle per send, headers built through P/Invoke, objects per report). A send is one
/// rd_kafka_produceva call over a stack array whose opaque is the batch's slot id. Delivery reports come through
/// an [UnmanagedCallersOnly] dr_msg_cb (no marshalling, no delegate) on one dedicated thread polling the handle,
/// which finds the batch by that id and completes it inline, as Confluent's delivery thread does, so the copy's
/// next batch is produced there.
/// Why a callback and not RD_KAFKA_EVENT_DR events: an event keeps all its messages until it is destroyed, so the
/// next batches' messages were allocated while thousands were still held, then thousands freed at once; glibc's
/// malloc and free then cost more than the callback saves (bench/kafka.sh, 2026-11-27, single rounds at 40 000 in
/// flight, B=100: 1.96 µs/msg and 0.80M msg/s with events vs 1.32 and 1.20M with the callback, which librdkafka
/// calls just before freeing each message).
/// </summary>
internal sealed unsafe class NativeKafkaProducer : IKafkaProducerClient
{
    private const int ProducerType = 0, PollMs = 100, VuCount = 5;

    private readonly RdKafkaApi _api = RdKafkaApi.Instance;
    private readonly KafkaErrors _errors;
    private readonly KafkaBatchSlots _slots = new();
    private readonly long _messageBytes;
    private readonly byte* _memory; // value, then the header's NUL-terminated name, then its value: what every message points at
    private readonly RdKafkaVu* _vuTemplate; // every message's vus but the opaque (its batch's slot)
    private readonly int _valueLength, _headerValueLength;
    private readonly nint _rk, _rkt;
    private readonly Thread _deliveryThread;
    private readonly Lock _watchGate = new();
    private CancellationToken _watched;
    private CancellationTokenRegistration _watchRegistration;
    private GCHandle _self; // the dr_msg_cb's opaque: one per producer, not per message
    private volatile bool _stopping, _closed;
    private Exception? _deliveryFailure;

    public NativeKafkaProducer(KafkaSettings settings, long messageBytes)
    {
        _errors = new KafkaErrors(_api);
        _messageBytes = messageBytes;
        var value = settings.Template.JsonBodyUtf8;
        var name = Encoding.UTF8.GetBytes(RequestTemplate.HeaderName + "\0");
        var headerValue = Encoding.UTF8.GetBytes(settings.Template.BenchmarkId);
        _valueLength = value.Length;
        _headerValueLength = headerValue.Length;
        // librdkafka is not asked to copy the value (no RD_KAFKA_MSG_F_COPY): it points here until the handle is destroyed.
        _memory = (byte*)NativeMemory.Alloc((nuint)(value.Length + name.Length + headerValue.Length + 1));
        value.CopyTo(new Span<byte>(_memory, value.Length));
        name.CopyTo(new Span<byte>(_memory + value.Length, name.Length));
        headerValue.CopyTo(new Span<byte>(_memory + value.Length + name.Length, headerValue.Length));
        _vuTemplate = (RdKafkaVu*)NativeMemory.Alloc((nuint)(VuCount - 1), (nuint)sizeof(RdKafkaVu));
        _self = GCHandle.Alloc(this);
        try
        {
            _rk = CreateHandle(settings);
            _rkt = CreateTopic(settings.Topic);
        }
        catch
        {
            if (_rk != 0) _api.Destroy(_rk);
            _self.Free();
            NativeMemory.Free(_memory);
            NativeMemory.Free(_vuTemplate);
            throw;
        }
        var headerName = _memory + _valueLength;
        _vuTemplate[0] = RdKafkaVu.Topic(_rkt);
        _vuTemplate[1] = RdKafkaVu.Partition(RdKafkaVu.PartitionAny);
        _vuTemplate[2] = RdKafkaVu.Value(_memory, _valueLength);
        _vuTemplate[3] = RdKafkaVu.Header(headerName, headerName + RequestTemplate.HeaderName.Length + 1, _headerValueLength);
        _deliveryThread = new Thread(PollReports) { IsBackground = true, Name = "loadleak-kafka-native-dr" };
        _deliveryThread.Start();
    }

    public string LibraryPath => _api.LibraryPath;

    public ValueTask<Response> RunOneAsync(IScenarioContext context) =>
        KafkaBatchRun.Run(this, _slots.Rent(1, _messageBytes, null), context.CancellationToken);

    public KafkaBatch NewBatch(int size, KafkaBatchTally? tally) => _slots.Rent(size, _messageBytes, tally);

    /// <summary>
    /// The first cancellable token asked about (the run's stop token: the engine passes one to every iteration) is
    /// watched with one registration, which cancels the waits of every batch in the slot table; any other token is
    /// left to the batches.
    /// </summary>
    public bool CancelsWaitsOn(CancellationToken stop)
    {
        if (stop == _watched) return true;
        lock (_watchGate)
        {
            if (stop == _watched) return true;
            if (_watched.CanBeCanceled || _closed) return false;
            _watchRegistration = stop.Register(static p => ((NativeKafkaProducer)p!).CancelWaits(), this);
            _watched = stop;
            return true;
        }
    }

    public void Produce(KafkaBatch batch, CancellationToken stop)
    {
        if (_closed)
        {
            batch.Abandon(0, new KafkaFailure("closed", "the producer was closed"));
            return;
        }
        ProduceInSlot(batch);
        // A batch rented after the stop's sweep of the slot table (or while it ran) is not in it: cancel its wait here.
        if (stop.IsCancellationRequested) batch.Cancel();
    }

    [SkipLocalsInit] // every vu is written before the call
    private void ProduceInSlot(KafkaBatch batch)
    {
        var vus = stackalloc RdKafkaVu[VuCount];
        new ReadOnlySpan<RdKafkaVu>(_vuTemplate, VuCount - 1).CopyTo(new Span<RdKafkaVu>(vus, VuCount - 1));
        vus[VuCount - 1] = RdKafkaVu.Opaque(batch.Slot);
        var last = batch.Size - 1;
        var firstSend = batch.Started; // rented just before this call: one clock read fewer per batch (per message at B=1)
        for (var i = 0; i <= last; i++)
        {
            if (i == last) batch.SendingEvenly(batch.Size, firstSend, i == 0 ? firstSend : Stopwatch.GetTimestamp());
            var error = _api.Produceva(_rk, vus, VuCount);
            if (error == 0) continue;
            var code = _api.ErrorCode(error);
            _api.ErrorDestroy(error);
            batch.SendingEvenly(i, firstSend, Stopwatch.GetTimestamp());
            batch.Abandon(i, _errors.Of(code));
            return;
        }
    }

    public void Close(TimeSpan flushTimeout)
    {
        if (Thread.CurrentThread == _deliveryThread)
            throw new InvalidOperationException("the native Kafka producer cannot be closed on its own delivery thread");
        if (_closed) return;
        _closed = true;
        lock (_watchGate) _watchRegistration.Dispose();
        _api.Flush(_rk, (int)flushTimeout.TotalMilliseconds); // serves reports here too, besides the delivery thread
        _stopping = true;
        _deliveryThread.Join(); // within one poll (PollMs)
        foreach (var waiting in _slots.Drain()) waiting.Cancel(); // reports that never came: their waits fail, not hang
        _api.TopicDestroy(_rkt);
        _api.Destroy(_rk); // purges whatever the flush left, without reports (nobody polls any more)
        _self.Free();
        NativeMemory.Free(_memory);
        NativeMemory.Free(_vuTemplate);
        if (_deliveryFailure is { } failure)
            throw new InvalidOperationException("the native Kafka producer's delivery callback failed", failure);
    }

    private void CancelWaits()
    {
        foreach (var batch in _slots.Outstanding()) batch.Cancel(); // outside the table's lock: continuations run inline
    }

    private void PollReports()
    {
        while (!_stopping) _api.Poll(_rk, PollMs);
    }

    /// <summary>librdkafka's dr_msg_cb: one message's report, called from rd_kafka_poll (or rd_kafka_flush).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnDelivery(nint rk, nint message, nint opaque)
    {
        var self = (NativeKafkaProducer)GCHandle.FromIntPtr(opaque).Target!;
        try
        {
            var report = (RdKafkaMessage*)message;
            var slot = (int)report->Opaque;
            if (!self._slots.TryGet(slot, out var batch))
            {
                if (self._closed) return; // reports of messages purged at shutdown: their waits were already cancelled
                throw new InvalidOperationException($"Kafka delivery report for free slot {slot}");
            }
            var error = report->Error == 0 ? null : self._errors.Of(report->Error);
            batch.Report(error, (PersistenceStatus)self._api.MessageStatus(message)); // the last one produces the copy's next batch, inline
        }
        catch (Exception exception)
        {
            // Nothing may unwind into librdkafka. A lost report fails its iteration at cancellation; Close surfaces the cause.
            Interlocked.CompareExchange(ref self._deliveryFailure, exception, null);
        }
    }

    private nint CreateHandle(KafkaSettings settings)
    {
        var conf = _api.ConfNew();
        try
        {
            Set(conf, "bootstrap.servers", settings.BootstrapServers);
            Set(conf, "acks", ((int)settings.Acks).ToString(CultureInfo.InvariantCulture));
            Set(conf, "linger.ms", settings.LingerMs.ToString(CultureInfo.InvariantCulture));
            Set(conf, "message.timeout.ms", ((int)settings.MessageTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            Set(conf, "enable.idempotence", "false");
            Set(conf, "client.id", "loadleak");
            Set(conf, "log_level", "0"); // broker-down noise would flood the console (Confluent's log handler drops it too)
            _api.ConfSetOpaque(conf, GCHandle.ToIntPtr(_self));
            _api.ConfSetDrMsgCb(conf, &OnDelivery);
        }
        catch
        {
            _api.ConfDestroy(conf);
            throw;
        }
        var error = stackalloc byte[512];
        var rk = _api.New(ProducerType, conf, error, 512);
        if (rk != 0) return rk; // rd_kafka_new owns conf from here
        _api.ConfDestroy(conf);
        throw new InvalidOperationException("rd_kafka_new failed: " + Marshal.PtrToStringUTF8((nint)error));
    }

    private nint CreateTopic(string topic)
    {
        fixed (byte* name = Encoding.UTF8.GetBytes(topic + "\0"))
        {
            var rkt = _api.TopicNew(_rk, name, 0);
            return rkt != 0 ? rkt : throw new InvalidOperationException($"rd_kafka_topic_new({topic}) failed");
        }
    }

    private void Set(nint conf, string name, string value)
    {
        var error = stackalloc byte[512];
        fixed (byte* n = Encoding.UTF8.GetBytes(name + "\0"))
        fixed (byte* v = Encoding.UTF8.GetBytes(value + "\0"))
        {
            if (_api.ConfSet(conf, n, v, error, 512) != 0)
                throw new InvalidOperationException($"rd_kafka_conf_set({name}={value}): {Marshal.PtrToStringUTF8((nint)error)}");
        }
    }
}
