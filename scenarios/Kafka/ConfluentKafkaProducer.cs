using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using LoadLeak.Engine.Api;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>The Kafka scenario's messages through Confluent.Kafka's producer (<c>Producer: "confluent"</c>, the default).</summary>
internal sealed class ConfluentKafkaProducer : IKafkaProducerClient
{
    private readonly Message<Null, byte[]> _message;
    private readonly TopicPartition _anyPartition;
    private readonly long _messageBytes;
    private readonly IProducer<Null, byte[]> _producer;

    public ConfluentKafkaProducer(KafkaSettings settings, long messageBytes)
    {
        var headers = new Headers { { RequestTemplate.HeaderName, Encoding.UTF8.GetBytes(settings.Template.BenchmarkId) } };
        // One message object for every send: Confluent only reads it (the byte[] serializer returns the value as is).
        _message = new Message<Null, byte[]> { Value = settings.Template.JsonBodyUtf8, Headers = headers };
        _anyPartition = new TopicPartition(settings.Topic, Partition.Any);
        _messageBytes = messageBytes;
        var config = new ProducerConfig
        {
            BootstrapServers = settings.BootstrapServers,
            Acks = settings.Acks,
            LingerMs = settings.LingerMs,
            MessageTimeoutMs = (int)settings.MessageTimeout.TotalMilliseconds,
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

    public ValueTask<Response> RunOneAsync(IScenarioContext context) => new(SendOneAsync(context));

    public KafkaBatch NewBatch(int size, KafkaBatchTally? tally) => new(size, _messageBytes, tally);

    private async Task<Response> SendOneAsync(IScenarioContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var size = _messageBytes;
        try
        {
            var report = await ProduceInline(context.CancellationToken);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (report.Error.IsError)
                return Response.Fail(report.Error.Code.ToString(), report.Error.Reason, size, latency);
            return report.Status == PersistenceStatus.NotPersisted
                ? Response.Fail(report.Status.ToString(), "broker did not persist the message", size, latency)
                : Response.Ok(report.Status.ToString(), size, customLatencyMs: latency);
        }
        catch (OperationCanceledException)
        {
            return Response.Fail("cancelled", "the run stopped before the delivery report", size,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (KafkaException failure) // ProduceException too
        {
            return Response.Fail(failure.Error.Code.ToString(), failure.Error.Reason, size, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public bool CancelsWaitsOn(CancellationToken stop) => false; // each batch registers (the library client's path)

    public void Produce(KafkaBatch batch, CancellationToken stop)
    {
        for (var i = 0; i < batch.Size; i++)
        {
            batch.Sending();
            try
            {
                _producer.Produce(_anyPartition, _message, batch.OnReport);
            }
            catch (KafkaException failure) // ProduceException too
            {
                batch.Abandon(i, new KafkaFailure(failure.Error.Code.ToString(), failure.Error.Reason));
                return;
            }
        }
    }

    public void Close(TimeSpan flushTimeout)
    {
        _producer.Flush(flushTimeout);
        _producer.Dispose();
    }

    /// <summary>
    /// ProduceAsync completes its task asynchronously, so every delivered message costs a thread-pool hop
    /// before its copy can send the next one. Here the task completes inline on librdkafka's delivery-report
    /// thread, which hands over a whole batch at once: the copies' continuations (record, produce the next)
    /// run there back to back. Same semantics otherwise: a failed delivery is in the report, cancellation
    /// cancels the wait, a synchronous produce error throws.
    /// </summary>
    private Task<DeliveryReport<Null, byte[]>> ProduceInline(CancellationToken token)
    {
        var delivered = new TaskCompletionSource<DeliveryReport<Null, byte[]>>(TaskCreationOptions.None);
        var registration = token.CanBeCanceled
            ? token.Register(static state => ((TaskCompletionSource<DeliveryReport<Null, byte[]>>)state!).TrySetCanceled(), delivered)
            : default;
        try
        {
            _producer.Produce(_anyPartition, _message, report =>
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
}
