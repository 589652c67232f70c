using LoadLeak.Engine;
using LoadLeak.Results;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Grpc;
using LoadLeak.Scenarios.Http;
using LoadLeak.Scenarios.Kafka;
using LoadLeak.Scenarios.Kafka.Native;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.Tests.Scenarios;

/// <summary>
/// <c>Client</c> / <c>Producer</c> <c>auto</c> (the default): LoadLeak's own client wherever the settings allow, the
/// library client otherwise, each with the reason the run prints; a named client is used as named.
/// </summary>
public class ClientChoiceTests
{
    private static readonly ScenarioEnvironment Env = Settings.Env("127.0.0.1:9092", ("port", "5080"), ("grpcPort", "5081"));

    [Theory]
    [InlineData("{}", "raw", "plain http, HTTP/1.1, headers it can send")]
    [InlineData("""{"Client":"AUTO"}""", "raw", "plain http, HTTP/1.1, headers it can send")]
    [InlineData("""{"Method":"GET","Url":"http://localhost:{port}/x","Headers":{"Host":"a","Content-Type":"text/plain","Expect":"100-continue","X-T":"a\tb"}}""",
        "raw", "plain http, HTTP/1.1, headers it can send")]
    [InlineData("""{"HttpVersion":"1.1","Method":"PUT","Body":{"a":1},"MaxConnections":3}""", "raw", "plain http, HTTP/1.1, headers it can send")]
    [InlineData("""{"Url":"https://127.0.0.1:5001/api/query"}""", "httpclient", "https Url")]
    [InlineData("""{"HttpVersion":"2"}""", "httpclient", "HttpVersion 2")]
    [InlineData("""{"Url":"https://h/x","HttpVersion":"2"}""", "httpclient", "https Url")]
    [InlineData("""{"Headers":{"X A":"1"}}""", "httpclient", "header name 'X A' is not an HTTP token")]
    [InlineData("""{"Headers":{"X":"caf\u00e9"}}""", "httpclient", "header 'X' is not printable ASCII")]
    [InlineData("""{"Headers":{"X":"a\r\nEvil: 1"}}""", "httpclient", "header 'X' is not printable ASCII")]
    [InlineData("""{"Headers":{"transfer-encoding":"chunked"}}""", "httpclient", "header 'transfer-encoding' (the raw client frames bodies with Content-Length)")]
    [InlineData("""{"BenchmarkId":"caf\u00e9"}""", "httpclient", "BenchmarkId is not printable ASCII")]
    public void Http_auto_picks_raw_wherever_it_can_send_the_request(string json, string client, string reason)
    {
        var settings = HttpSettings.Read(Settings.Reader(json, Env));
        Assert.Equal(ClientChoice.Auto(client, reason), settings.ClientChoice);
        Assert.Equal(client == "raw" ? HttpClientKind.Raw : HttpClientKind.HttpClient, settings.Client);
    }

    [Theory]
    [InlineData("""{"Client":"httpclient"}""", "httpclient")]
    [InlineData("""{"Client":"HttpClient","Url":"https://h/x","HttpVersion":"2"}""", "httpclient")]
    [InlineData("""{"Client":"httpclient","Headers":{"Transfer-Encoding":"chunked"}}""", "httpclient")]
    [InlineData("""{"Client":"raw","Method":"DELETE"}""", "raw")]
    public void Http_named_client_is_used_as_named(string json, string client)
    {
        var settings = HttpSettings.Read(Settings.Reader(json, Env));
        Assert.Equal(new ClientChoice(client, ClientSelection.Configured, $"Client '{client}' set in CustomSettings"), settings.ClientChoice);
        Assert.Equal(client, HttpSettings.ClientName(settings.Client));
    }

    [Theory]
    [InlineData("{}", "lean", "h2c, unary Query")]
    [InlineData("""{"Call":"stream","StreamMessages":5,"MaxConnections":2,"DeadlineMs":100}""", "lean", "h2c, server-streaming QueryStream")]
    [InlineData("""{"Address":"https://127.0.0.1:5001"}""", "grpc-net", "https Address (the lean client has no TLS)")]
    [InlineData("""{"Address":"https://h:1","Call":"stream"}""", "grpc-net", "https Address (the lean client has no TLS)")]
    [InlineData("""{"BenchmarkId":"caf\u00e9"}""", "grpc-net", "BenchmarkId is not ASCII")]
    public void Grpc_auto_picks_lean_over_h2c(string json, string client, string reason)
    {
        var settings = GrpcSettings.Read(Settings.Reader(json, Env));
        Assert.Equal(ClientChoice.Auto(client, reason), settings.ClientChoice);
        Assert.Equal(client == "lean" ? GrpcClientKind.Lean : GrpcClientKind.GrpcNet, settings.Client);
    }

    [Theory]
    [InlineData("""{"Client":"grpc-net"}""", "grpc-net")]
    [InlineData("""{"Client":"grpc-net","Address":"https://h:1"}""", "grpc-net")]
    [InlineData("""{"Client":"lean","Call":"stream"}""", "lean")]
    public void Grpc_named_client_is_used_as_named(string json, string client)
    {
        var settings = GrpcSettings.Read(Settings.Reader(json, Env));
        Assert.Equal(ClientSelection.Configured, settings.ClientChoice.Selection);
        Assert.Equal(client, settings.ClientChoice.Client);
        Assert.Equal(client, GrpcSettings.ClientName(settings.Client));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"Producer":"auto","BatchSize":100,"Acks":"none","LingerMs":0,"MessageSizeBytes":500,"EndToEndUrl":"http://h:1/e2e"}""")]
    public void Kafka_auto_picks_the_native_producer_where_it_runs(string json)
    {
        var native = KafkaSettings.Read(Settings.Reader(json, Env), Env, () => null);
        Assert.Equal(ClientChoice.Auto("native", "produce with settings the native producer supports"), native.ClientChoice);
        Assert.Equal(KafkaProducerKind.Native, native.Producer);

        var confluent = KafkaSettings.Read(Settings.Reader(json, Env), Env, () => "librdkafka for the native producer: x.so: missing");
        Assert.Equal(ClientChoice.Auto("confluent", "the native producer cannot run here: librdkafka for the native producer: x.so: missing"),
            confluent.ClientChoice);
        Assert.Equal(KafkaProducerKind.Confluent, confluent.Producer);
    }

    [Theory]
    [InlineData("confluent", KafkaProducerKind.Confluent)]
    [InlineData("native", KafkaProducerKind.Native)]
    public void Kafka_named_producer_is_used_as_named_without_asking_whether_native_runs(string producer, KafkaProducerKind kind)
    {
        var settings = KafkaSettings.Read(Settings.Reader($$"""{"Producer":"{{producer}}"}""", Env), Env,
            () => throw new InvalidOperationException("asked"));
        Assert.Equal(new ClientChoice(producer, ClientSelection.Configured, $"Producer '{producer}' set in CustomSettings"), settings.ClientChoice);
        Assert.Equal(kind, settings.Producer);
    }

    [Fact]
    public void The_native_producer_runs_on_this_machine()
    {
        // Linux x64 with the librdkafka Confluent.Kafka ships: auto must not fall back here.
        Assert.Null(NativeProducerSupport.Unavailable);
    }

    [Theory]
    [InlineData("http", "{}", "raw (auto: plain http, HTTP/1.1, headers it can send)")]
    [InlineData("http-h2", """{"HttpVersion":"2"}""", "httpclient (auto: HttpVersion 2)")]
    [InlineData("grpc", "{}", "lean (auto: h2c, unary Query)")]
    [InlineData("grpc", """{"Client":"grpc-net"}""", "grpc-net (Client 'grpc-net' set in CustomSettings)")]
    [InlineData("kafka", "{}", "native (auto: produce with settings the native producer supports)")]
    [InlineData("checkout", """{"Protocol":"kafka","Producer":"confluent"}""", "confluent (Producer 'confluent' set in CustomSettings)")]
    public void The_catalog_says_which_client_each_scenario_uses_and_why(string name, string json, string expected)
    {
        Assert.Equal(expected, ScenarioCatalog.ClientOf(name, Settings.Json(json), Env).ToString());
    }

    [Fact]
    public void The_catalog_reports_bad_settings_as_create_does()
    {
        var error = Assert.Throws<ConfigException>(() => ScenarioCatalog.ClientOf("http", Settings.Json("""{"Client":"raw","HttpVersion":"2"}"""), Env));
        Assert.Equal("CustomSettings.HttpVersion of scenario 'http': Client 'raw' speaks HTTP/1.1 only (use Client 'httpclient' for HTTP/2)", error.Message);
    }

    [Fact]
    public void Settings_built_in_code_describe_their_client_as_configured()
    {
        var read = HttpSettings.Read(Settings.Reader("{}", Env));
        Assert.Equal(ClientSelection.Auto, read.ClientChoice.Selection);
        // Changing the client in code makes the recorded auto choice stale: it is then described by what it is.
        var changed = read with { Client = HttpClientKind.HttpClient };
        Assert.Equal(ClientChoice.Configured("httpclient", "Client"), changed.ClientChoice);
    }
}
