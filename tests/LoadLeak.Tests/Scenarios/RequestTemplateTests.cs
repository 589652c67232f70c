using System.Text;
using System.Text.Json;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Tests.Scenarios;

public class RequestTemplateTests
{
    [Fact]
    public void Default_body_is_the_uniform_query_json()
    {
        var template = RequestTemplate.Default("id-1");
        Assert.Equal("""{"op":"query","payload":"a1b2c3"}""", template.JsonBody);
        Assert.Equal(Encoding.UTF8.GetBytes(template.JsonBody), template.JsonBodyUtf8);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(4, "a1b2")]
    [InlineData(6, "a1b2c3")]
    [InlineData(14, "a1b2c3a1b2c3a1")]
    public void Payload_has_exactly_the_requested_size(int size, string expected)
    {
        Assert.Equal(expected, RequestTemplate.Create("id", size).Payload);
    }

    [Fact]
    public void Large_payload_round_trips_through_json()
    {
        var template = RequestTemplate.Create("id", 10_000);
        using var doc = JsonDocument.Parse(template.JsonBody);
        Assert.Equal(10_000, doc.RootElement.GetProperty("payload").GetString()!.Length);
        Assert.Equal("query", doc.RootElement.GetProperty("op").GetString());
    }

    [Fact]
    public void Benchmark_ids_are_unique_and_header_safe()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => RequestTemplate.NewBenchmarkId()).ToHashSet();
        Assert.Equal(100, ids.Count);
        Assert.All(ids, id => Assert.Matches("^lb-[0-9a-f]{12}$", id));
    }
}
