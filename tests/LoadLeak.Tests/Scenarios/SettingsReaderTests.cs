using LoadLeak.Engine;

namespace LoadLeak.Tests.Scenarios;

public class SettingsReaderTests
{
    [Fact]
    public void Placeholders_are_replaced_in_strings_and_maps()
    {
        var reader = Settings.Reader("""{"Url":"http://127.0.0.1:{port}/x?g={grpcPort}","Headers":{"A":"{port}"}}""",
            Settings.Env(null, ("port", "5080"), ("grpcPort", "5081")));
        Assert.Equal("http://127.0.0.1:5080/x?g=5081", reader.OptionalString("Url"));
        Assert.Equal("5080", reader.StringMap("Headers")["A"]);
    }

    [Fact]
    public void Unknown_placeholder_names_the_path_and_the_known_ones()
    {
        var reader = Settings.Reader("""{"Url":"http://127.0.0.1:{prot}/"}""", Settings.Env(null, ("port", "1")), "http");
        var error = Assert.Throws<ConfigException>(() => reader.OptionalString("Url"));
        Assert.StartsWith("CustomSettings.Url of scenario 'http': unknown placeholder '{prot}'", error.Message);
        Assert.Contains("{port}", error.Message);
    }

    [Fact]
    public void Json_braces_in_a_body_are_not_placeholders()
    {
        var reader = Settings.Reader("""{"Body":"{\"op\":\"query\"}"}""");
        Assert.Equal("""{"op":"query"}""", reader.OptionalBody("Body"));
    }

    [Fact]
    public void Keys_are_case_insensitive_and_null_means_default()
    {
        var reader = Settings.Reader("""{"maxconnections":7,"TimeoutMs":null}""");
        Assert.Equal(7, reader.Int("MaxConnections", 1, 1, 10));
        Assert.Equal(99, reader.Int("TimeoutMs", 99, 1, 100));
    }

    [Theory]
    [InlineData("""{"N":"abc"}""", "expected an integer")]
    [InlineData("""{"N":1.5}""", "expected an integer")]
    [InlineData("""{"N":0}""", "0 is out of range [1, 10]")]
    [InlineData("""{"N":11}""", "11 is out of range [1, 10]")]
    public void Bad_integers_name_the_key(string json, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => Settings.Reader(json, scenario: "s").Int("N", 1, 1, 10));
        Assert.StartsWith($"CustomSettings.N of scenario 's': {problem}", error.Message);
    }

    [Fact]
    public void Integers_may_come_from_placeholders()
    {
        var reader = Settings.Reader("""{"N":"{n}"}""", Settings.Env(null, ("n", "42")));
        Assert.Equal(42, reader.Int("N", 1, 1, 100));
    }

    [Fact]
    public void Settings_must_be_an_object()
    {
        var error = Assert.Throws<ConfigException>(() => new global::LoadLeak.Scenarios.Settings.SettingsReader("s", Settings.Json("[1]"),
            Settings.Env()));
        Assert.Contains("CustomSettings of scenario 's'", error.Message);
    }
}
