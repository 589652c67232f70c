using System.Text.Json;
using LoadLeak.Engine;
using LoadLeak.Sessions;

namespace LoadLeak.Tests.LoadLeak.Sessions;

public sealed class RunOptionsTests
{
    [Fact]
    public void Kafka_faults_parse_and_scale()
    {
        using var doc = JsonDocument.Parse("""{ "KafkaBrokers": 3, "Faults": [ { "BrokerDown": 2, "At": "00:00:10", "For": "00:00:04" } ] }""");
        var options = RunOptions.From(doc.RootElement).Scaled(0.5);
        var fault = Assert.Single(options.Faults);
        Assert.Equal(new KafkaFault(2, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2)), fault);
    }

    [Theory]
    [InlineData("""{ "Faults": [ { "BrokerDown": 2, "At": "00:00:10", "For": "00:00:04" } ] }""", "LoadLeak.Faults[0].BrokerDown")]
    [InlineData("""{ "Faults": [ { "BrokerDown": 1, "At": "soon", "For": "00:00:04" } ] }""", "LoadLeak.Faults[0].At")]
    [InlineData("""{ "Faults": {} }""", "LoadLeak.Faults")]
    [InlineData("""{ "RetainedGc": "always" }""", "LoadLeak.RetainedGc")]
    [InlineData("""{ "Slo": { "P99Ms": -1 } }""", "LoadLeak.Slo")]
    [InlineData("""{ "KafkaBrokers": 0 }""", "LoadLeak.KafkaBrokers")]
    public void Bad_loadleak_settings_name_their_path(string json, string path)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.StartsWith(path, Assert.Throws<ConfigException>(() => RunOptions.From(doc.RootElement)).Message);
    }
}
