using LoadLeak.Engine;
using LoadLeak.Scenarios;

namespace LoadLeak.Tests.Scenarios;

public class ScenarioCatalogTests
{
    private static readonly global::LoadLeak.Scenarios.Settings.ScenarioEnvironment Env =
        Settings.Env("127.0.0.1:9092", ("port", "5080"), ("grpcPort", "5081"));

    [Theory]
    [InlineData("http", "http")]
    [InlineData("http-h2", "http")]
    [InlineData("GRPC_stream", "grpc")]
    [InlineData("kafka", "kafka")]
    public void Protocol_comes_from_the_name_prefix(string name, string protocol)
    {
        Assert.Equal(protocol, ScenarioCatalog.ProtocolOf(name, Settings.Reader("{}", Env, name)));
    }

    [Fact]
    public void Explicit_protocol_wins_over_the_name()
    {
        Assert.Equal("grpc", ScenarioCatalog.ProtocolOf("http-looking", Settings.Reader("""{"Protocol":"GRPC"}""", Env)));
    }

    [Fact]
    public void Unknown_protocol_is_a_config_error()
    {
        var error = Assert.Throws<ConfigException>(() => ScenarioCatalog.Create("x", Settings.Json("""{"Protocol":"amqp"}"""), Env));
        Assert.Equal("CustomSettings.Protocol of scenario 'x': unknown protocol 'amqp'; expected one of http, grpc, kafka", error.Message);
    }

    [Fact]
    public void A_name_without_protocol_prefix_needs_the_protocol_setting()
    {
        var error = Assert.Throws<ConfigException>(() => ScenarioCatalog.Create("checkout", Settings.Json("{}"), Env));
        Assert.Contains("scenario 'checkout': cannot tell its protocol", error.Message);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("grpc")]
    [InlineData("kafka")]
    public void Creates_a_named_scenario_with_init_and_clean(string name)
    {
        var settings = Settings.Json("""{"PayloadSizeBytes": 10}""");
        var props = ScenarioCatalog.Create(name, settings, Env);
        Assert.Equal(name, props.Name);
        Assert.NotNull(props.Init);
        Assert.NotNull(props.Clean);
        Assert.Equal(10, props.CustomSettings.GetProperty("PayloadSizeBytes").GetInt32());
    }

    [Fact]
    public void Bad_url_error_names_the_path()
    {
        var error = Assert.Throws<ConfigException>(() => ScenarioCatalog.Create("http", Settings.Json("""{"Url":"foo"}"""), Env));
        Assert.Equal("CustomSettings.Url of scenario 'http': not an absolute http(s) URL: 'foo'", error.Message);
    }
}
