using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using LoadLeak.Engine.Scenarios;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// The Kafka scenario's messages through librdkafka directly (<c>Producer: "native"</c>): the same value, header
/// and producer settings as <see cref="ConfluentKafkaProducer"/>, without its per-message managed work (a delivery
/// delegate and GCHandle per send, headers built through P/Invoke, objects per report). A send is one
/// rd_kafka_produceva call over a stack array whose opaque is the batch's slot id; delivery reports arrive as
/// events on one dedicated thread that finds the batch by that id and completes it inline, as Confluent's
/// delivery thread does, so the copy's next batch is produced there.
/// Batches are completed only after their event is destroyed: librdkafka frees the event's messages then, and the
/// next batches' messages reuse that memory at once. Completing them first (while the event still holds thousands
/// of messages) cost ~2x the CPU per message in glibc's malloc and free (perf, 2026-11-27).
/// </summary>
internal sealed unsafe class NativeKafkaProducer : IKafkaProducerClient
{
    private const int ProducerType = 0, EventDeliveryReports = 0x1, EventError = 0x8, PollMs = 100, VuCount = 5;

    private readonly RdKafkaApi _api = RdKafkaApi.Instance;
    private readonly KafkaErrors _errors;
    private readonly KafkaBatchSlots _slots = new();
    private readonly long _messageBytes;
    private readonly byte* _memory; // value, then the header's NUL-terminated name, then its value: what every message points at
    private readonly int _valueLength, _headerValueLength;
    private readonly nint _rk, _rkt, _queue;
    private readonly Thread _deliveryThread;
    private KafkaBatch[] _finished = new KafkaBatch[64]; // the delivery thread's batches to complete after the event
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
        try
        {
            _rk = CreateHandle(settings);
            _rkt = CreateTopic(settings.Topic);
            _queue = _api.QueueGetMain(_rk);
        }
        catch
        {
            if (_rk != 0) _api.Destroy(_rk);
            NativeMemory.Free(_memory);
            throw;
        }
        _deliveryThread = new Thread(DeliverReports) { IsBackground = true, Name = "loadleak-kafka-native-dr" };
        _deliveryThread.Start();
    }

    public string LibraryPath => _api.LibraryPath;

    public Task<Response> RunOneAsync(IScenarioContext context) =>
        KafkaBatchRun.RunAsync(this, new KafkaBatch(1), context, _messageBytes, tally: null);

    public void Produce(KafkaBatch batch)
    {
        if (_closed)
        {
            batch.Abandon(0, new KafkaFailure("closed", "the producer was closed"));
            return;
        }
        var slot = _slots.Rent(batch);
        var vus = stackalloc RdKafkaVu[VuCount];
        var name = _memory + _valueLength;
        vus[0] = RdKafkaVu.Topic(_rkt);
        vus[1] = RdKafkaVu.Partition(RdKafkaVu.PartitionAny);
        vus[2] = RdKafkaVu.Value(_memory, _valueLength);
        vus[3] = RdKafkaVu.Header(name, name + RequestTemplate.HeaderName.Length + 1, _headerValueLength);
        vus[4] = RdKafkaVu.Opaque(slot);
        var last = batch.Size - 1;
        var firstSend = Stopwatch.GetTimestamp();
        for (var i = 0; i <= last; i++)
        {
            if (i == last) batch.SendingEvenly(batch.Size, firstSend, i == 0 ? firstSend : Stopwatch.GetTimestamp());
            var error = _api.Produceva(_rk, vus, VuCount);
            if (error == 0) continue;
            var code = _api.ErrorCode(error);
            _api.ErrorDestroy(error);
            batch.SendingEvenly(i, firstSend, Stopwatch.GetTimestamp());
            if (batch.Abandon(i, _errors.Of(code))) _slots.Release(slot);
            return;
        }
    }

    public void Close(TimeSpan flushTimeout)
    {
        if (Thread.CurrentThread == _deliveryThread)
            throw new InvalidOperationException("the native Kafka producer cannot be closed on its own delivery thread");
        if (_closed) return;
        _closed = true;
        _api.Flush(_rk, (int)flushTimeout.TotalMilliseconds); // the delivery thread keeps serving reports meanwhile
        _stopping = true;
        _api.QueueYield(_queue);
        _deliveryThread.Join();
        foreach (var waiting in _slots.Drain()) waiting.Cancel(); // reports that never came: their waits fail, not hang
        _api.QueueDestroy(_queue);
        _api.TopicDestroy(_rkt);
        _api.Destroy(_rk); // purges whatever the flush left
        NativeMemory.Free(_memory);
        if (_deliveryFailure is { } failure)
            throw new InvalidOperationException("the native Kafka producer's delivery thread failed", failure);
    }

    private void DeliverReports()
    {
        while (!_stopping)
        {
            var ev = _api.QueuePoll(_queue, PollMs);
            if (ev == 0) continue;
            var reportedAt = Stopwatch.GetTimestamp(); // one clock read per event, not per message
            var finished = 0;
            try
            {
                if (_api.EventType(ev) == EventDeliveryReports)
                    for (var message = _api.EventMessageNext(ev); message != 0; message = _api.EventMessageNext(ev))
                        Deliver(message, reportedAt, ref finished);
            }
            catch (Exception exception)
            {
                // Keep serving: a lost report fails its iteration at cancellation; Close surfaces the cause.
                Interlocked.CompareExchange(ref _deliveryFailure, exception, null);
            }
            finally
            {
                _api.EventDestroy(ev); // error events too: like Confluent's empty error handler, failures surface per message
            }
            for (var i = 0; i < finished; i++)
            {
                var batch = _finished[i];
                _finished[i] = null!;
                batch.Complete(reportedAt); // the copy's next batch is produced here, inline
            }
        }
    }

    private void Deliver(nint message, long reportedAt, ref int finished)
    {
        var report = (RdKafkaMessage*)message;
        var slot = (int)report->Opaque;
        var batch = _slots[slot];
        var error = report->Error == 0 ? null : _errors.Of(report->Error);
        if (!batch.Delivered(error, (PersistenceStatus)_api.MessageStatus(message), reportedAt)) return;
        _slots.Release(slot);
        if (finished == _finished.Length) Array.Resize(ref _finished, finished * 2);
        _finished[finished++] = batch;
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
            _api.ConfSetEvents(conf, EventDeliveryReports | EventError);
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
