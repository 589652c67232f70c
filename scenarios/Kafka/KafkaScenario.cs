using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using LoadLeak.Engine.Scenarios;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// Produces the template as the message value with the X-Benchmark-ID header. The delivery report decides
/// Ok/Fail and its latency (send to ack) is the response latency. End-to-end latency is measured by the
/// consuming target; Clean fetches and logs it, and <see cref="LastEndToEnd"/> keeps it for the report.
/// </summary>
public sealed class KafkaScenario
{
    private readonly KafkaSettings _settings;
    private readonly byte[] _value;
    private readonly Headers _headers;
    private IProducer<Null, byte[]>? _producer;

    public KafkaScenario(KafkaSettings settings)
    {
        _settings = settings;
        _value = settings.Template.JsonBodyUtf8;
        _headers = new Headers { { RequestTemplate.HeaderName, Encoding.UTF8.GetBytes(settings.Template.BenchmarkId) } };
    }

    public KafkaSettings Settings => _settings;

    /// <summary>What Clean read from the target's /api/kafka/e2e, if an EndToEndUrl was configured and reachable.</summary>
    public EndToEndLatency? LastEndToEnd { get; private set; }

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
        };
        _producer = new ProducerBuilder<Null, byte[]>(config)
            .SetLogHandler((_, _) => { }) // broker-down noise would flood the console; failures surface per message
            .SetErrorHandler((_, _) => { })
            .Build();
    }

    public async Task<Response> RunAsync(IScenarioContext context)
    {
        var producer = _producer ?? throw new InvalidOperationException("Kafka scenario used before Init");
        var started = Stopwatch.GetTimestamp();
        var size = _value.Length + RequestTemplate.HeaderName.Length + _settings.Template.BenchmarkId.Length;
        try
        {
            var message = new Message<Null, byte[]> { Value = _value, Headers = _headers };
            var report = await ProduceInline(producer, message, context.CancellationToken);
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
            producer.Produce(_settings.Topic, message, report =>
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
        if (_settings.EndToEndUrl is null) return;
        LastEndToEnd = await EndToEndLatency.FetchAsync(_settings.EndToEndUrl, TimeSpan.FromSeconds(5), context.CancellationToken);
        if (LastEndToEnd is null)
            context.Logger.Warn($"Kafka end-to-end latency: could not read {_settings.EndToEndUrl}");
        else
            context.Logger.Info($"Kafka end-to-end latency (produce to consumed by the target): {LastEndToEnd}");
    }
}
