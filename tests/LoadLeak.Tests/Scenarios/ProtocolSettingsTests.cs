using Confluent.Kafka;
using LoadLeak.Engine;
using LoadLeak.Scenarios.Grpc;
using LoadLeak.Scenarios.Http;
using LoadLeak.Scenarios.Kafka;
using LoadLeak.Scenarios.Settings;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Tests.Scenarios;

public class ProtocolSettingsTests
{
    private static readonly ScenarioEnvironment Env = Settings.Env("127.0.0.1:39092", ("port", "5080"), ("grpcPort", "5081"),
        ("benchmarkId", "run-42"));

    [Fact]
    public void Http_defaults_post_the_template_with_the_runs_benchmark_id()
    {
        var http = HttpSettings.Read(Settings.Reader("{}", Env));
        Assert.Equal(new Uri("http://127.0.0.1:5080/api/query"), http.Url);
        Assert.Equal(HttpMethod.Post, http.Method);
        Assert.Equal("""{"op":"query","payload":"a1b2c3"}""", http.Body);
        Assert.Equal("run-42", http.Template.BenchmarkId);
        Assert.Equal(new Version(1, 1), http.HttpVersion);
        Assert.Equal(100, http.MaxConnections);
    }

    [Fact]
    public void Http_get_without_body_and_explicit_settings()
    {
        var http = HttpSettings.Read(Settings.Reader(
            """{"Method":"get","HttpVersion":"2","MaxConnections":8,"TimeoutMs":250,"BenchmarkId":"b1","Headers":{"X-A":"1"}}""", Env));
        Assert.Equal(HttpMethod.Get, http.Method);
        Assert.Null(http.Body);
        Assert.Equal(new Version(2, 0), http.HttpVersion);
        Assert.Equal(TimeSpan.FromMilliseconds(250), http.Timeout);
        Assert.Equal("b1", http.Template.BenchmarkId);
        Assert.Equal("1", http.Headers["X-A"]);
    }

    [Fact]
    public void Http_body_may_be_a_json_object()
    {
        var http = HttpSettings.Read(Settings.Reader("""{"Body":{"op":"x"}}""", Env));
        Assert.Equal(HttpMethod.Post, http.Method);
        Assert.Equal("""{"op":"x"}""", http.Body);
    }

    [Theory]
    [InlineData("inline", true)]
    [InlineData("ThreadPool", false)]
    public void Http_socket_completions_can_be_chosen(string choice, bool inline)
    {
        var http = HttpSettings.Read(Settings.Reader($$"""{"SocketCompletions":"{{choice}}"}""", Env));
        Assert.Equal(inline, http.InlineCompletions);
    }

    [Theory]
    [InlineData("inline", true)]
    [InlineData("threadpool", false)]
    public void Grpc_socket_completions_can_be_chosen(string choice, bool inline)
    {
        var grpc = GrpcSettings.Read(Settings.Reader($$"""{"SocketCompletions":"{{choice}}"}""", Env));
        Assert.Equal(inline, grpc.InlineCompletions);
    }

    [Fact]
    public void Http_socket_completions_default_to_inline_only_on_small_machines()
    {
        var http = HttpSettings.Read(Settings.Reader("{}", Env));
        Assert.Equal(Environment.ProcessorCount <= global::LoadLeak.Scenarios.Sockets.SocketCompletions.InlineUpToProcessors, http.InlineCompletions);
    }

    [Theory]
    [InlineData("""{"SocketCompletions":"sometimes"}""", "CustomSettings.SocketCompletions of scenario 'test': 'sometimes' is not one of 'auto', " +
        "'inline', 'threadpool'")]
    [InlineData("""{"Url":"ftp://h/x"}""", "CustomSettings.Url of scenario 'test': not an absolute http(s) URL: 'ftp://h/x'")]
    [InlineData("""{"HttpVersion":"3"}""", "CustomSettings.HttpVersion of scenario 'test': '3' is not one of '1.1', '2'")]
    [InlineData("""{"MaxConnections":0}""", "CustomSettings.MaxConnections of scenario 'test': 0 is out of range [1, 100000]")]
    [InlineData("""{"Method":"GE T"}""", "CustomSettings.Method of scenario 'test': not an HTTP method: 'GE T'")]
    [InlineData("""{"Headers":{"X":1}}""", "CustomSettings.Headers.X of scenario 'test': expected a string, got Number")]
    [InlineData("""{"PayloadSizeBytes":-1}""", "CustomSettings.PayloadSizeBytes of scenario 'test': -1 is out of range [0, 16777216]")]
    public void Http_bad_settings_name_the_path(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<ConfigException>(() => HttpSettings.Read(Settings.Reader(json, Env))).Message);
    }

    [Fact]
    public void Grpc_defaults_and_stream()
    {
        var unary = GrpcSettings.Read(Settings.Reader("{}", Env));
        Assert.Equal(new Uri("http://127.0.0.1:5081"), unary.Address);
        Assert.Equal(GrpcCall.Unary, unary.Call);
        var stream = GrpcSettings.Read(Settings.Reader("""{"Call":"stream","StreamMessages":3,"DeadlineMs":5}""", Env));
        Assert.Equal(GrpcCall.Stream, stream.Call);
        Assert.Equal(3, stream.StreamMessages);
        Assert.Equal(TimeSpan.FromMilliseconds(5), stream.Deadline);
    }

    [Theory]
    [InlineData("""{"Call":"bidi"}""", "CustomSettings.Call of scenario 'test': 'bidi' is not one of 'unary', 'stream'")]
    [InlineData("""{"Address":"127.0.0.1:5081"}""", "CustomSettings.Address of scenario 'test': not an absolute http(s) address: '127.0.0.1:5081'")]
    [InlineData("""{"DeadlineMs":0}""", "CustomSettings.DeadlineMs of scenario 'test': 0 is out of range [1, 3600000]")]
    public void Grpc_bad_settings_name_the_path(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<ConfigException>(() => GrpcSettings.Read(Settings.Reader(json, Env))).Message);
    }

    [Fact]
    public void Kafka_embedded_uses_the_environments_bootstrap()
    {
        var kafka = KafkaSettings.Read(Settings.Reader("""{"BootstrapServers":"embedded","Acks":"leader"}""", Env), Env);
        Assert.Equal("127.0.0.1:39092", kafka.BootstrapServers);
        Assert.Equal(Acks.Leader, kafka.Acks);
        Assert.Equal("loadleak", kafka.Topic);
    }

    [Fact]
    public void Kafka_embedded_without_a_started_cluster_is_a_config_error()
    {
        var env = Settings.Env(null);
        var error = Assert.Throws<ConfigException>(() => KafkaSettings.Read(Settings.Reader("{}", env, "kafka"), env));
        Assert.StartsWith("CustomSettings.BootstrapServers of scenario 'kafka': 'embedded' needs the embedded Kafka", error.Message);
    }

    [Fact]
    public void Kafka_batch_size_defaults_to_one_message_per_iteration()
    {
        Assert.Equal(1, KafkaSettings.Read(Settings.Reader("{}", Env), Env).BatchSize);
        Assert.Equal(50, KafkaSettings.Read(Settings.Reader("""{"BatchSize":50}""", Env), Env).BatchSize);
        Assert.Equal(KafkaSettings.MaxBatchSize, KafkaSettings.Read(Settings.Reader("""{"BatchSize":"100000"}""", Env), Env).BatchSize);
    }

    [Theory]
    [InlineData("{}", KafkaProducerKind.Native)]
    [InlineData("""{"Producer":"auto"}""", KafkaProducerKind.Native)]
    [InlineData("""{"Producer":"confluent"}""", KafkaProducerKind.Confluent)]
    [InlineData("""{"Producer":"native"}""", KafkaProducerKind.Native)]
    [InlineData("""{"Producer":"Native"}""", KafkaProducerKind.Native)]
    public void Kafka_producer_defaults_to_the_native_one_where_it_runs(string json, KafkaProducerKind expected)
    {
        Assert.Equal(expected, KafkaSettings.Read(Settings.Reader(json, Env), Env).Producer);
    }

    [Fact]
    public void Kafka_message_size_is_the_whole_value()
    {
        var kafka = KafkaSettings.Read(Settings.Reader("""{"MessageSizeBytes":1000}""", Env), Env);
        Assert.Equal(1000, kafka.Template.JsonBodyUtf8.Length);
        Assert.Equal("run-42", kafka.Template.BenchmarkId);
    }

    [Theory]
    [InlineData("""{"MessageSizeBytes":10}""", "CustomSettings.MessageSizeBytes of scenario 'test': 10 is smaller than the template's JSON " +
        "envelope (27 bytes)")]
    [InlineData("""{"Topic":"a b"}""", "CustomSettings.Topic of scenario 'test': not a valid Kafka topic name: 'a b'")]
    [InlineData("""{"BootstrapServers":"localhost"}""", "CustomSettings.BootstrapServers of scenario 'test': expected host:port[,host:port…] or " +
        "'embedded', got 'localhost'")]
    [InlineData("""{"Acks":"2"}""", "CustomSettings.Acks of scenario 'test': '2' is not one of 'all', 'leader', 'none', '-1', '1', '0'")]
    [InlineData("""{"BatchSize":0}""", "CustomSettings.BatchSize of scenario 'test': 0 is out of range [1, 100000]")]
    [InlineData("""{"BatchSize":-5}""", "CustomSettings.BatchSize of scenario 'test': -5 is out of range [1, 100000]")]
    [InlineData("""{"BatchSize":100001}""", "CustomSettings.BatchSize of scenario 'test': 100001 is out of range [1, 100000]")]
    [InlineData("""{"BatchSize":2.5}""", "CustomSettings.BatchSize of scenario 'test': expected an integer, got 2.5")]
    [InlineData("""{"BatchSize":"many"}""", "CustomSettings.BatchSize of scenario 'test': expected an integer, got \"many\"")]
    [InlineData("""{"Producer":"librdkafka"}""", "CustomSettings.Producer of scenario 'test': 'librdkafka' is not one of 'auto', 'confluent', 'native'")]
    [InlineData("""{"Producer":""}""", "CustomSettings.Producer of scenario 'test': '' is not one of 'auto', 'confluent', 'native'")]
    public void Kafka_bad_settings_name_the_path(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<ConfigException>(() => KafkaSettings.Read(Settings.Reader(json, Env), Env)).Message);
    }

    [Fact]
    public void Without_a_run_id_each_scenario_gets_a_fresh_one()
    {
        var env = Settings.Env();
        Assert.Matches("^lb-", TemplateSettings.Read(Settings.Reader("{}", env)).BenchmarkId);
        Assert.Equal(RequestTemplate.DefaultPayload, TemplateSettings.Read(Settings.Reader("{}", env)).Payload);
    }
}
