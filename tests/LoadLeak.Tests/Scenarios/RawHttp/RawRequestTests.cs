using System.Text;
using LoadLeak.Scenarios.Http;
using LoadLeak.Scenarios.Http.Raw;

namespace LoadLeak.Tests.Scenarios.RawHttp;

public class RawRequestTests
{
    private static readonly global::LoadLeak.Scenarios.Settings.ScenarioEnvironment Env = Settings.Env(null, ("port", "5080"),
        ("benchmarkId", "run-7"));

    private static string Build(string json) =>
        Encoding.Latin1.GetString(RawRequest.Build(HttpSettings.Read(Settings.Reader(json, Env))).Bytes);

    [Fact]
    public void The_default_request_posts_the_template_with_its_length()
    {
        Assert.Equal(
            "POST /api/query HTTP/1.1\r\nHost: 127.0.0.1:5080\r\nX-Benchmark-ID: run-7\r\n" +
            "Content-Type: application/json\r\nContent-Length: 33\r\n\r\n" + """{"op":"query","payload":"a1b2c3"}""",
            Build("""{"Client":"raw"}"""));
    }

    [Fact]
    public void User_headers_are_sent_and_may_replace_host_and_content_type_but_not_the_length()
    {
        var text = Build("""{"Client":"raw","Url":"http://localhost:{port}/x?y=1","Body":"héllo","Headers":{"Host":"example","Content-Type":"text/plain","Content-Length":"1","X-A":"b c"}}""");
        Assert.StartsWith("POST /x?y=1 HTTP/1.1\r\nX-Benchmark-ID: run-7\r\nHost: example\r\nContent-Type: text/plain\r\n" +
            "X-A: b c\r\nContent-Length: 6\r\n\r\n", text);
        Assert.Equal(1, text.Split("Content-Length").Length - 1);
    }

    [Fact]
    public void A_get_has_no_body_headers()
    {
        var request = RawRequest.Build(HttpSettings.Read(Settings.Reader("""{"Client":"raw","Method":"GET","Url":"http://h:81/"}""", Env)));
        Assert.Equal("GET / HTTP/1.1\r\nHost: h:81\r\nX-Benchmark-ID: run-7\r\n\r\n", Encoding.Latin1.GetString(request.Bytes));
        Assert.False(request.IsHead);
        Assert.True(RawRequest.Build(HttpSettings.Read(Settings.Reader("""{"Client":"raw","Method":"head"}""", Env))).IsHead);
    }

    [Fact]
    public void Client_defaults_to_raw_where_it_fits()
    {
        Assert.Equal(HttpClientKind.Raw, HttpSettings.Read(Settings.Reader("{}", Env)).Client);
        Assert.Equal(HttpClientKind.HttpClient, HttpSettings.Read(Settings.Reader("""{"Client":"httpclient"}""", Env)).Client);
        Assert.Equal(HttpClientKind.Raw, HttpSettings.Read(Settings.Reader("""{"Client":"Raw"}""", Env)).Client);
    }

    [Theory]
    [InlineData("""{"Client":"curl"}""", "CustomSettings.Client of scenario 'test': 'curl' is not one of 'auto', 'httpclient', 'raw'")]
    [InlineData("""{"Client":"raw","HttpVersion":"2"}""", "CustomSettings.HttpVersion of scenario 'test': Client 'raw' speaks HTTP/1.1 only (use Client 'httpclient' for HTTP/2)")]
    [InlineData("""{"Client":"raw","Url":"https://h/x"}""", "CustomSettings.Url of scenario 'test': Client 'raw' speaks plain http only, not 'https' (use Client 'httpclient' for https)")]
    [InlineData("""{"Client":"raw","Headers":{"X A":"1"}}""", "CustomSettings.Headers.X A of scenario 'test': not a valid header name: 'X A'")]
    [InlineData("""{"Client":"raw","Headers":{"X":"a\r\nEvil: 1"}}""", "CustomSettings.Headers.X of scenario 'test': the value must be printable ASCII without line breaks")]
    [InlineData("""{"Client":"raw","Headers":{"Transfer-Encoding":"chunked"}}""",
        "CustomSettings.Headers.Transfer-Encoding of scenario 'test': Client 'raw' frames the body with Content-Length only (use Client 'httpclient' for Transfer-Encoding)")]
    [InlineData("""{"Client":"raw","BenchmarkId":"caf\u00e9"}""", "CustomSettings.BenchmarkId of scenario 'test': must be printable ASCII for Client 'raw'")]
    public void Raw_client_settings_errors_name_the_path(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<global::LoadLeak.Engine.ConfigException>(() => HttpSettings.Read(Settings.Reader(json, Env))).Message);
    }
}
