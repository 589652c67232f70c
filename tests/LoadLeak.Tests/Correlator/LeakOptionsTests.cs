using System.Text.Json;
using LoadLeak.Correlator.Analysis;
using LoadLeak.Engine;

namespace LoadLeak.Tests.Correlator;

public class LeakOptionsTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Overrides_are_read_case_insensitively_and_the_rest_keeps_defaults()
    {
        var o = LeakOptions.FromJson(Json("""{ "MinConfidence": 0.99, "recoveryTolerance": "0.2", "MinSamples": 60 }"""), "LeakSettings");
        Assert.Equal(0.99, o.MinConfidence);
        Assert.Equal(0.2, o.RecoveryTolerance);
        Assert.Equal(60, o.MinSamples);
        Assert.Equal(LeakOptions.Default.MinThreadGrowth, o.MinThreadGrowth);
    }

    [Theory]
    [InlineData("""{ "MinConfidence": 1.5 }""", "LeakSettings.MinConfidence")]
    [InlineData("""{ "MinSamples": 12.5 }""", "LeakSettings.MinSamples")]
    [InlineData("""{ "MinFdGrowth": "lots" }""", "LeakSettings.MinFdGrowth")]
    [InlineData("""{ "MinConfidance": 0.9 }""", "LeakSettings.MinConfidance")]
    [InlineData("""[1, 2]""", "LeakSettings")]
    public void Bad_values_name_their_json_path(string json, string path)
    {
        var ex = Assert.Throws<ConfigException>(() => LeakOptions.FromJson(Json(json), "LeakSettings"));
        Assert.StartsWith(path + ":", ex.Message, StringComparison.Ordinal);
    }
}
