using System.Text.Json;
using LoadLeak.Engine;
using LoadLeak.Engine.Api;
using LoadLeak.Scenarios.Grpc;
using LoadLeak.Scenarios.Http;
using LoadLeak.Scenarios.Kafka;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.Scenarios;

/// <summary>
/// Builds the scenario a config names: the protocol comes from CustomSettings.Protocol, or else from the
/// scenario name's prefix ("http", "grpc", "kafka", e.g. "http-h2" or "kafka_acks1").
/// </summary>
public static class ScenarioCatalog
{
    public static readonly IReadOnlyList<string> Protocols = ["http", "grpc", "kafka"];

    public static ScenarioProps Create(string scenarioName, JsonElement customSettings, ScenarioEnvironment env)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenarioName);
        var reader = new SettingsReader(scenarioName, customSettings, env);
        var protocol = ProtocolOf(scenarioName, reader);
        var props = protocol switch
        {
            "http" => new HttpScenario(HttpSettings.Read(reader)).ToProps(scenarioName),
            "grpc" => new GrpcScenario(GrpcSettings.Read(reader)).ToProps(scenarioName),
            _ => new KafkaScenario(KafkaSettings.Read(reader, env)).ToProps(scenarioName),
        };
        var custom = customSettings.ValueKind == JsonValueKind.Object ? customSettings.Clone() : ScenarioProps.EmptyObject;
        return props with { CustomSettings = custom, Protocol = protocol };
    }

    /// <summary>
    /// Which client the scenario <see cref="Create"/> builds sends with, how it was picked (<c>auto</c> or named) and why,
    /// read from the same settings (so it throws the same <see cref="ConfigException"/> for a bad config).
    /// </summary>
    public static ClientChoice ClientOf(string scenarioName, JsonElement customSettings, ScenarioEnvironment env)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenarioName);
        var reader = new SettingsReader(scenarioName, customSettings, env);
        return ProtocolOf(scenarioName, reader) switch
        {
            "http" => HttpSettings.Read(reader).ClientChoice,
            "grpc" => GrpcSettings.Read(reader).ClientChoice,
            _ => KafkaSettings.Read(reader, env).ClientChoice,
        };
    }

    public static string ProtocolOf(string scenarioName, SettingsReader reader)
    {
        var explicitProtocol = reader.OptionalString("Protocol");
        if (explicitProtocol is not null)
        {
            var match = Protocols.FirstOrDefault(p => string.Equals(p, explicitProtocol, StringComparison.OrdinalIgnoreCase));
            return match ?? throw reader.Error("Protocol", $"unknown protocol '{explicitProtocol}'; expected one of {string.Join(", ", Protocols)}");
        }
        var prefix = Protocols.FirstOrDefault(p => scenarioName.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        return prefix ?? throw new ConfigException(
            $"scenario '{scenarioName}': cannot tell its protocol; set CustomSettings.Protocol to one of {string.Join(", ", Protocols)} or start " +
                "the name with one");
    }
}
