using LoadLeak.Engine.Api;
using LoadLeak.Scenarios.Kafka.Native;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// Produces the template as the message value with the X-Benchmark-ID header. The delivery report decides
/// Ok/Fail, and the latency recorded is send to ack (the native producer's single messages leave it to the engine's
/// measure of the iteration, see <see cref="KafkaBatchRun"/>). With <c>BatchSize</c> N &gt; 1 an iteration
/// produces N messages back to back and returns one response counting N (see <see cref="KafkaBatchRun"/>).
/// <c>Producer</c> picks Confluent.Kafka's producer or the native one; they differ only in how a message is
/// sent and its report heard. End-to-end latency is measured by the consuming target; Clean fetches and logs
/// it, and <see cref="LastEndToEnd"/> keeps it for the report.
/// </summary>
internal sealed class KafkaScenario
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);
    private readonly KafkaSettings _settings;
    private readonly long _messageBytes;
    private IKafkaProducerClient? _client;

    public KafkaScenario(KafkaSettings settings)
    {
        _settings = settings;
        _messageBytes = settings.Template.JsonBodyUtf8.Length + RequestTemplate.HeaderName.Length + settings.Template.BenchmarkId.Length;
    }

    public KafkaSettings Settings => _settings;

    /// <summary>What Clean read from the target's /api/kafka/e2e, if an EndToEndUrl was configured and reachable.</summary>
    public EndToEndLatency? LastEndToEnd { get; private set; }

    /// <summary>Batch mode's totals (recorded vs per-message latency, messages of failed batches); empty when BatchSize is 1.</summary>
    public KafkaBatchTally Batches { get; } = new();

    public ScenarioProps ToProps(string name) => Scenario.CreateValue(name, RunAsync) with
    {
        Init = _ => { Start(); return Task.CompletedTask; },
        Clean = CleanAsync,
    };

    public void Start() => _client = _settings.Producer == KafkaProducerKind.Native
        ? new NativeKafkaProducer(_settings, _messageBytes)
        : new ConfluentKafkaProducer(_settings, _messageBytes);

    public ValueTask<Response> RunAsync(IScenarioContext context)
    {
        var client = _client ?? throw new InvalidOperationException("Kafka scenario used before Init");
        return _settings.BatchSize == 1
            ? client.RunOneAsync(context)
            : KafkaBatchRun.Run(client, client.NewBatch(_settings.BatchSize, Batches), context.CancellationToken);
    }

    public async Task CleanAsync(IScenarioInitContext context)
    {
        // Deliveries complete inline on the producer's delivery thread, so the engine may reach Clean on that
        // thread; closing the producer there would join the thread from itself. Leave it first.
        await Task.Yield();
        var client = _client;
        _client = null;
        client?.Close(FlushTimeout);
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
