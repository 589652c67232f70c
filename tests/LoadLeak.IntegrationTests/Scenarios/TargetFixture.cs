using System.Net.Http.Json;
using System.Text.Json;
using LoadLeak.Kafka;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>One embedded Kafka and one TargetService consuming from it, shared by the protocol tests.</summary>
public sealed class TargetFixture : IAsyncLifetime
{
    public const string Topic = "loadleak-it";
    private TargetProcess? _target;

    internal TargetProcess Target => _target ?? throw new InvalidOperationException("not started");
    public EmbeddedKafka Kafka { get; private set; } = null!;

    public ScenarioEnvironment Environment => new(Target.Placeholders, Kafka.BootstrapServers);

    public async Task InitializeAsync()
    {
        Kafka = EmbeddedKafka.Start(brokers: 1);
        Kafka.CreateTopic(Topic, partitions: 2);
        _target = await TargetProcess.StartAsync("--kafka", Kafka.BootstrapServers, "--kafka-topic", Topic);
    }

    public Task DisposeAsync()
    {
        _target?.Dispose();
        Kafka?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return await client.GetFromJsonAsync<JsonElement>(Target.HttpBase + path);
    }
}

[CollectionDefinition(Name)]
public sealed class TargetCollection : ICollectionFixture<TargetFixture>
{
    public const string Name = "target service + embedded kafka";
}
