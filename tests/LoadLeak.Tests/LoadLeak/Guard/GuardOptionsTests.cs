using System.Text.Json;
using global::LoadLeak.Engine;
using global::LoadLeak.Guard;
using global::LoadLeak.Sessions;

namespace LoadLeak.Tests.LoadLeak.Guard;

public sealed class GuardOptionsTests
{
    private static RunOptions Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return RunOptions.From(doc.RootElement);
    }

    [Fact]
    public void Defaults_are_on_at_80_percent_of_the_limit_with_a_5_minute_margin_and_a_20_MB_log()
    {
        var options = Parse("{}");
        Assert.True(options.Guard.Enabled);
        Assert.Null(options.Guard.MaxTargetBytes);
        Assert.Equal(0.8, options.Guard.LimitFraction);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Guard.ForecastMargin);
        Assert.Equal(20L * 1024 * 1024, options.TargetLogMaxBytes);
    }

    [Theory]
    [InlineData("300MB", 300L * 1024 * 1024)]
    [InlineData("2GiB", 2L * 1024 * 1024 * 1024)]
    [InlineData("1.5 GB", 3L * 512 * 1024 * 1024)]
    [InlineData("1048576", 1024L * 1024)]
    public void Sizes_parse_1024_based(string text, long bytes)
    {
        var options = Parse($$"""{ "Guard": { "MaxTargetMemory": "{{text}}" } }""");
        Assert.Equal(bytes, options.Guard.MaxTargetBytes);
    }

    [Fact]
    public void A_percentage_is_a_share_of_the_limit_and_the_rest_parses()
    {
        var options = Parse("""{ "Guard": { "MaxTargetMemory": "50%", "ForecastMargin": "90s", "Enabled": false }, "TargetLogMax": "1MB" }""");
        Assert.Equal(0.5, options.Guard.LimitFraction);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Guard.ForecastMargin);
        Assert.False(options.Guard.Enabled);
        Assert.Equal(1024 * 1024, options.TargetLogMaxBytes);
    }

    [Theory]
    [InlineData("""{ "Guard": { "MaxTargetMemory": "lots" } }""", "LoadLeak.Guard.MaxTargetMemory")]
    [InlineData("""{ "Guard": { "MaxTargetMemory": "300XB" } }""", "LoadLeak.Guard.MaxTargetMemory")]
    [InlineData("""{ "Guard": { "MaxTargetMemory": 300 } }""", "LoadLeak.Guard.MaxTargetMemory")]
    [InlineData("""{ "Guard": { "MaxTargetMemory": "150%" } }""", "LoadLeak.Guard.MaxTargetMemory")]
    [InlineData("""{ "Guard": { "ForecastMargin": "soon" } }""", "LoadLeak.Guard.ForecastMargin")]
    [InlineData("""{ "Guard": { "Enabled": "yes" } }""", "LoadLeak.Guard.Enabled")]
    [InlineData("""{ "Guard": "on" }""", "LoadLeak.Guard")]
    [InlineData("""{ "TargetLogMax": "1KB" }""", "LoadLeak.TargetLogMax")]
    public void Bad_guard_settings_name_their_path(string json, string path)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(json));
        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
    }
}
