using System.Globalization;
using System.Text.Json;
using LoadLeak.Engine;

namespace LoadLeak.Sessions;

/// <summary>
/// A broker outage in the embedded Kafka cluster: { "BrokerDown": 1, "At": "00:00:10", "For": "00:00:05" }.
/// </summary>
internal sealed record KafkaFault(int BrokerId, TimeSpan At, TimeSpan For)
{
    public static IReadOnlyList<KafkaFault> ParseAll(JsonElement array, string path, int brokers)
    {
        if (array.ValueKind != JsonValueKind.Array)
            throw new ConfigException($"{path}: expected an array of faults, got {array.ValueKind}");
        var faults = new List<KafkaFault>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
            faults.Add(Parse(item, $"{path}[{index++}]", brokers));
        return faults;
    }

    private static KafkaFault Parse(JsonElement item, string path, int brokers)
    {
        if (item.ValueKind != JsonValueKind.Object)
            throw new ConfigException($"{path}: expected an object like {{ \"BrokerDown\": 1, \"At\": \"00:00:10\", \"For\": \"00:00:05\" }}");
        if (!item.TryGetProperty("BrokerDown", out var id) || !id.TryGetInt32(out var broker) || broker < 1 || broker > brokers)
            throw new ConfigException($"{path}.BrokerDown: expected a broker id from 1 to {brokers}");
        return new KafkaFault(broker, Duration(item, "At", path), Duration(item, "For", path));
    }

    private static TimeSpan Duration(JsonElement item, string name, string path)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String
            || !TimeSpan.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var span) || span < TimeSpan.Zero)
            throw new ConfigException($"{path}.{name}: expected a duration \"hh:mm:ss\"");
        return span;
    }
}
