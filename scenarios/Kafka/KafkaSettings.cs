using Confluent.Kafka;
using LoadLeak.Scenarios.Kafka.Native;
using LoadLeak.Scenarios.Settings;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>The Kafka scenario's CustomSettings, validated.</summary>
internal sealed record KafkaSettings(
    string BootstrapServers,
    string Topic,
    Acks Acks,
    int LingerMs,
    TimeSpan MessageTimeout,
    RequestTemplate Template,
    Uri? EndToEndUrl)
{
    public const string EmbeddedBootstrap = "embedded";

    /// <summary>
    /// The most messages one iteration may produce: librdkafka's default producer queue
    /// (<c>queue.buffering.max.messages</c>) holds 100 000, so one batch always fits it.
    /// </summary>
    public const int MaxBatchSize = 100_000;

    /// <summary>
    /// Messages produced back to back per iteration (1 = one message per iteration, awaited). With N &gt; 1 the
    /// iteration completes when all N delivery reports arrived and returns one response counting N.
    /// </summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>librdkafka called directly or Confluent.Kafka's producer; same messages and settings either way.</summary>
    public KafkaProducerKind Producer { get; init; } = KafkaProducerKind.Confluent;

    /// <summary>Which producer, how it was picked and why; settings built in code describe their <see cref="Producer"/> as configured.</summary>
    public ClientChoice ClientChoice
    {
        get => _clientChoice is { } choice && choice.Client == ProducerName(Producer) ? choice : ClientChoice.Configured(ProducerName(Producer), "Producer");
        init => _clientChoice = value;
    }

    private readonly ClientChoice? _clientChoice;

    /// <summary>Bytes of the JSON body around the payload: <c>{"op":"query","payload":""}</c>.</summary>
    public static readonly int BodyOverheadBytes = RequestTemplate.Create("x", 0).JsonBodyUtf8.Length;

    public static KafkaSettings Read(SettingsReader reader, ScenarioEnvironment env) => Read(reader, env, () => NativeProducerSupport.Unavailable);

    /// <summary><paramref name="nativeUnavailable"/>: null when the native producer can run here, else why not (asked only for <c>auto</c>).</summary>
    internal static KafkaSettings Read(SettingsReader reader, ScenarioEnvironment env, Func<string?> nativeUnavailable)
    {
        var bootstrap = reader.String("BootstrapServers", EmbeddedBootstrap);
        if (string.Equals(bootstrap, EmbeddedBootstrap, StringComparison.OrdinalIgnoreCase))
            bootstrap = env.KafkaBootstrap
                ?? throw reader.Error("BootstrapServers", "'embedded' needs the embedded Kafka, but none was started (use `loadleak kafka` or give " +
                    "host:port)");
        if (string.IsNullOrWhiteSpace(bootstrap) || bootstrap.Split(',').Any(b => !b.Contains(':')))
            throw reader.Error("BootstrapServers", $"expected host:port[,host:port…] or 'embedded', got '{bootstrap}'");

        var topic = reader.String("Topic", "loadleak");
        if (topic.Length is 0 or > 249 || !topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw reader.Error("Topic", $"not a valid Kafka topic name: '{topic}'");

        var acks = reader.Choice("Acks", "all", "all", "leader", "none", "-1", "1", "0") switch
        {
            "all" or "-1" => Acks.All,
            "leader" or "1" => Acks.Leader,
            _ => Acks.None,
        };

        var template = ReadTemplate(reader);
        var e2e = reader.OptionalString("EndToEndUrl");
        Uri? e2eUrl = null;
        if (e2e is not null && !Uri.TryCreate(e2e, UriKind.Absolute, out e2eUrl))
            throw reader.Error("EndToEndUrl", $"not an absolute URL: '{e2e}'");

        // auto: the native producer takes every setting this scenario has, so it is Confluent's only where LoadLeak's
        // own librdkafka binding cannot run (another platform, a library without rd_kafka_produceva).
        var named = reader.Choice("Producer", "auto", "auto", "confluent", "native");
        var choice = named != "auto" ? ClientChoice.Configured(named, "Producer")
            : nativeUnavailable() is { } problem ? ClientChoice.Auto("confluent", "the native producer cannot run here: " + problem)
            : ClientChoice.Auto("native", "produce with settings the native producer supports");
        return new KafkaSettings(bootstrap, topic, acks,
            reader.Int("LingerMs", 5, 0, 60_000),
            TimeSpan.FromMilliseconds(reader.Int("MessageTimeoutMs", 30_000, 1, 3_600_000)),
            template, e2eUrl)
        {
            BatchSize = reader.Int("BatchSize", 1, 1, MaxBatchSize),
            Producer = choice.Client == ProducerName(KafkaProducerKind.Native) ? KafkaProducerKind.Native : KafkaProducerKind.Confluent,
            ClientChoice = choice,
        };
    }

    public static string ProducerName(KafkaProducerKind kind) => kind == KafkaProducerKind.Native ? "native" : "confluent";

    /// <summary><c>MessageSizeBytes</c> is the whole value (the JSON body); without it <c>PayloadSizeBytes</c> sizes the payload.</summary>
    private static RequestTemplate ReadTemplate(SettingsReader reader)
    {
        var template = TemplateSettings.Read(reader);
        var messageSize = reader.Int("MessageSizeBytes", -1, -1, TemplateSettings.MaxPayloadBytes);
        if (messageSize == -1) return template;
        if (messageSize < BodyOverheadBytes)
            throw reader.Error("MessageSizeBytes", $"{messageSize} is smaller than the template's JSON envelope ({BodyOverheadBytes} bytes)");
        return RequestTemplate.Create(template.BenchmarkId, messageSize - BodyOverheadBytes);
    }
}
