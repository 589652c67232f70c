using System.Text;
using Confluent.Kafka;
using TargetService.Leaks;
using TargetService.Query;

namespace TargetService.Kafka;

/// <summary>
/// Consumes the benchmark topic in group "target", handles each message like a query and records
/// end-to-end latency from the message's timestamp (set by the producer when it was sent).
/// </summary>
public sealed class KafkaConsumerService(KafkaConsumerOptions options, EndToEndRecorder recorder, SeenRequests seen, QueryHandler handler,
    ILeakMode leak, ILogger<KafkaConsumerService> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Consume() blocks, so the loop gets its own thread instead of a thread-pool worker.
        Task.Factory.StartNew(() => ConsumeLoop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void ConsumeLoop(CancellationToken stoppingToken)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = "target",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            AllowAutoCreateTopics = true,
            ClientId = "target-service",
            // librdkafka's mock broker answers a fetch only when fetch.wait.max.ms expires (500 ms by default),
            // which would dominate the end-to-end latency this service measures.
            FetchWaitMaxMs = 20,
            // Find a topic that is auto-created after subscribing within a second, not after the 5-minute default.
            TopicMetadataRefreshIntervalMs = 1000,
        };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config)
            .SetLogHandler((_, message) => { if (message.Level <= SyslogLevel.Error) LogClientError(message.Message); })
            .SetErrorHandler((_, error) => log.LogDebug("kafka error: {Reason}", error.Reason))
            .Build();
        consumer.Subscribe(options.Topic);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var result = TryConsume(consumer, stoppingToken);
                if (result?.Message is not null) Handle(result.Message);
            }
        }
        catch (OperationCanceledException) { }
        finally { consumer.Close(); }
    }

    private const int MaxLoggedClientErrors = 5;
    private int _loggedClientErrors;

    // A broker taken down in a test makes librdkafka retry (and log) every few ms: keep the console readable.
    private void LogClientError(string message)
    {
        var count = Interlocked.Increment(ref _loggedClientErrors);
        if (count <= MaxLoggedClientErrors) log.LogWarning("kafka: {Message}", message);
        else if (count == MaxLoggedClientErrors + 1) log.LogWarning("kafka: further client errors are not logged");
    }

    private ConsumeResult<Ignore, byte[]>? TryConsume(IConsumer<Ignore, byte[]> consumer, CancellationToken stoppingToken)
    {
        try { return consumer.Consume(stoppingToken); }
        catch (ConsumeException failure)
        {
            // Unknown topic before the first produce, a broker taken down by a test: keep consuming.
            log.LogDebug("kafka consume: {Reason}", failure.Error.Reason);
            Thread.Sleep(100);
            return null;
        }
    }

    private void Handle(Message<Ignore, byte[]> message)
    {
        var latencyMs = (DateTime.UtcNow - message.Timestamp.UtcDateTime).TotalMilliseconds;
        var benchmarkId = message.Headers?.TryGetLastBytes("X-Benchmark-ID", out var id) == true ? Encoding.UTF8.GetString(id) : null;
        recorder.Record(latencyMs, benchmarkId);
        seen.Kafka(benchmarkId);
        var value = message.Value ?? [];
        handler.Handle("query", Encoding.UTF8.GetString(value), benchmarkId);
        leak.OnKafka(benchmarkId ?? "", value.Length);
    }
}

public sealed record KafkaConsumerOptions(string BootstrapServers, string Topic);
