using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using LoadLeak.Engine.Scenarios;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// Produces the template as the message value with the X-Benchmark-ID header. The delivery report decides
/// Ok/Fail and its latency (send to ack) is the response latency. With <c>BatchSize</c> N &gt; 1 an iteration
/// produces N messages back to back and returns one response counting N (see <see cref="RunBatchAsync"/>).
/// End-to-end latency is measured by the consuming target; Clean fetches and logs it, and
/// <see cref="LastEndToEnd"/> keeps it for the report.
/// </summary>
public sealed class KafkaScenario
{
    private readonly KafkaSettings _settings;
    private readonly byte[] _value;
    private readonly Headers _headers;
    private readonly Message<Null, byte[]> _message;
    private readonly TopicPartition _anyPartition;
    private readonly long _messageBytes;
    private IProducer<Null, byte[]>? _producer;

    public KafkaScenario(KafkaSettings settings)
    {
        _settings = settings;
        _value = settings.Template.JsonBodyUtf8;
        _headers = new Headers { { RequestTemplate.HeaderName, Encoding.UTF8.GetBytes(settings.Template.BenchmarkId) } };
        // One message object for every send: Confluent only reads it (the byte[] serializer returns the value as is).
        _message = new Message<Null, byte[]> { Value = _value, Headers = _headers };
        _anyPartition = new TopicPartition(settings.Topic, Partition.Any);
        _messageBytes = _value.Length + RequestTemplate.HeaderName.Length + settings.Template.BenchmarkId.Length;
    }

    public KafkaSettings Settings => _settings;

    /// <summary>What Clean read from the target's /api/kafka/e2e, if an EndToEndUrl was configured and reachable.</summary>
    public EndToEndLatency? LastEndToEnd { get; private set; }

    /// <summary>Batch mode's totals (recorded vs per-message latency, messages of failed batches); empty when BatchSize is 1.</summary>
    public KafkaBatchTally Batches { get; } = new();

    public ScenarioProps ToProps(string name) => Scenario.Create(name, RunAsync) with
    {
        Init = _ => { Start(); return Task.CompletedTask; },
        Clean = CleanAsync,
    };

    public void Start()
    {
        var config = new ProducerConfig
        {
            BootstrapServers = _settings.BootstrapServers,
            Acks = _settings.Acks,
            LingerMs = _settings.LingerMs,
            MessageTimeoutMs = (int)_settings.MessageTimeout.TotalMilliseconds,
            EnableIdempotence = false,
            ClientId = "loadleak",
            // The report's Error and Status are all a response needs: no timestamp, header or key/value
            // marshalling (native calls and arrays) per delivered message.
            DeliveryReportFields = "status",
        };
        _producer = new ProducerBuilder<Null, byte[]>(config)
            .SetLogHandler((_, _) => { }) // broker-down noise would flood the console; failures surface per message
            .SetErrorHandler((_, _) => { })
            .Build();
    }

    public Task<Response> RunAsync(IScenarioContext context) =>
        _settings.BatchSize == 1 ? RunOneAsync(context) : RunBatchAsync(context);

    /// <summary>One message, awaited: the response is its delivery report, the latency its send-to-ack.</summary>
    private async Task<Response> RunOneAsync(IScenarioContext context)
    {
        var producer = _producer ?? throw new InvalidOperationException("Kafka scenario used before Init");
        var started = Stopwatch.GetTimestamp();
        var size = _messageBytes;
        try
        {
            var report = await ProduceInline(producer, _message, context.CancellationToken);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (report.Error.IsError)
                return Response.Fail(report.Error.Code.ToString(), report.Error.Reason, size, latency);
            return report.Status == PersistenceStatus.NotPersisted
                ? Response.Fail(report.Status.ToString(), "broker did not persist the message", size, latency)
                : Response.Ok(report.Status.ToString(), size, customLatencyMs: latency);
        }
        catch (ProduceException<Null, byte[]> failure)
        {
            return Response.Fail(failure.Error.Code.ToString(), failure.Error.Reason, size, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException)
        {
            return Response.Fail("cancelled", "the run stopped before the delivery report", size, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (KafkaException failure)
        {
            return Response.Fail(failure.Error.Code.ToString(), failure.Error.Reason, size, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// BatchSize messages produced back to back, one response for all of them once every report arrived:
    /// Ok (counting N) when all were persisted; otherwise Fail (counting N) with the first error, as the batch is
    /// the unit the engine sees (the real number of failed messages is in <see cref="Batches"/>). The latency is the
    /// batch's first send to last report, an upper bound on each message's own; Clean logs both means.
    /// A message librdkafka refuses (e.g. Local_QueueFull) ends the batch there: the sent ones are still awaited.
    /// </summary>
    private async Task<Response> RunBatchAsync(IScenarioContext context)
    {
        var producer = _producer ?? throw new InvalidOperationException("Kafka scenario used before Init");
        var batch = new KafkaBatch(_settings.BatchSize);
        var token = context.CancellationToken;
        using var registration = token.CanBeCanceled ? token.Register(static b => ((KafkaBatch)b!).Cancel(), batch) : default;
        for (var i = 0; i < batch.Size; i++)
        {
            batch.Sending();
            try
            {
                producer.Produce(_anyPartition, _message, batch.OnReport);
            }
            catch (KafkaException failure) // ProduceException too
            {
                batch.Abandon(i, failure.Error.Code.ToString(), failure.Error.Reason);
                break;
            }
        }
        var bytes = _messageBytes * batch.Size;
        try
        {
            await batch.Completion;
        }
        catch (OperationCanceledException)
        {
            return Response.Fail("cancelled", "the run stopped before the batch's delivery reports", bytes,
                Stopwatch.GetElapsedTime(batch.Started).TotalMilliseconds, batch.Size);
        }
        Batches.Add(batch);
        if (batch.FirstFailure is { } first)
            return Response.Fail(first.Code, $"{first.Reason} (one failed message fails its batch of {batch.Size})", bytes, batch.ElapsedMs, batch.Size);
        var status = batch.AnyPossiblyPersisted ? nameof(PersistenceStatus.PossiblyPersisted) : nameof(PersistenceStatus.Persisted);
        return Response.Ok(status, bytes, customLatencyMs: batch.ElapsedMs, count: batch.Size);
    }

    /// <summary>
    /// ProduceAsync completes its task asynchronously, so every delivered message costs a thread-pool hop
    /// before its copy can send the next one. Here the task completes inline on librdkafka's delivery-report
    /// thread, which hands over a whole batch at once: the copies' continuations (record, produce the next)
    /// run there back to back. Same semantics otherwise: a failed delivery is in the report, cancellation
    /// cancels the wait, a synchronous produce error throws.
    /// </summary>
    private Task<DeliveryReport<Null, byte[]>> ProduceInline(IProducer<Null, byte[]> producer, Message<Null, byte[]> message, CancellationToken token)
    {
        var delivered = new TaskCompletionSource<DeliveryReport<Null, byte[]>>(TaskCreationOptions.None);
        var registration = token.CanBeCanceled
            ? token.Register(static state => ((TaskCompletionSource<DeliveryReport<Null, byte[]>>)state!).TrySetCanceled(), delivered)
            : default;
        try
        {
            producer.Produce(_anyPartition, message, report =>
            {
                registration.Unregister();
                delivered.TrySetResult(report);
            });
        }
        catch
        {
            registration.Unregister();
            throw;
        }
        return delivered.Task;
    }

    public async Task CleanAsync(IScenarioInitContext context)
    {
        // Deliveries complete inline on the producer's poll thread, so the engine may reach Clean on that
        // thread; disposing the producer there would join the thread from itself. Leave it first.
        await Task.Yield();
        var producer = _producer;
        _producer = null;
        if (producer is not null)
        {
            producer.Flush(TimeSpan.FromSeconds(5));
            producer.Dispose();
        }
        if (_settings.BatchSize > 1)
            context.Logger.Info($"Kafka batch mode ({_settings.BatchSize} messages per iteration): {Batches.Read()}");
        if (_settings.EndToEndUrl is null) return;
        LastEndToEnd = await EndToEndLatency.FetchAsync(_settings.EndToEndUrl, TimeSpan.FromSeconds(5), context.CancellationToken);
        if (LastEndToEnd is null)
            context.Logger.Warn($"Kafka end-to-end latency: could not read {_settings.EndToEndUrl}");
        else
            context.Logger.Info($"Kafka end-to-end latency (produce to consumed by the target): {LastEndToEnd}");
    }
}
