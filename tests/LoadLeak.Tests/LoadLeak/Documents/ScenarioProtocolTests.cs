using System.Text.Json;
using LoadLeak.Documents;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;
using LoadLeak.Sessions;
using LoadLeak.Tests.Results;

namespace LoadLeak.Tests.LoadLeak.Documents;

/// <summary>A scenario's protocol is what it declares (code: WithProtocol, else "custom"), not a guess from its name.</summary>
public sealed class ScenarioProtocolTests
{
    [Fact]
    public void A_code_scenario_is_custom_unless_it_names_its_protocol_whatever_its_name()
    {
        var props = Scenario.Create("http-looking-name", _ => Task.FromResult(Response.Ok()));
        Assert.Equal("custom", props.Protocol);
        Assert.Equal("redis", props.WithProtocol("redis").Protocol);
        Assert.Equal("http+grpc", props.WithProtocol("http+grpc").Protocol);
    }

    [Theory]
    [InlineData("HTTP")]
    [InlineData("web socket")]
    [InlineData("-x")]
    [InlineData("")]
    [InlineData("a-name-far-too-long-for-a-report-column")]
    public void A_protocol_that_is_not_a_short_lower_case_token_is_refused(string protocol)
    {
        var props = Scenario.Create("flow", _ => Task.FromResult(Response.Ok()));
        Assert.ThrowsAny<ArgumentException>(() => props.WithProtocol(protocol));
    }

    [Fact]
    public void The_catalog_declares_the_protocol_it_built()
    {
        var settings = JsonSerializer.SerializeToElement(new { Protocol = "http", Url = "http://127.0.0.1:1/" });
        Assert.Equal("http", ScenarioCatalog.Create("api", settings, ScenarioEnvironment.Empty).Protocol);
    }

    [Fact]
    public void The_run_document_takes_the_declared_protocol_over_the_configs()
    {
        // Without a declaration (a document built from a plan alone) the config tells.
        Assert.Equal("http", ProtocolOfHttp(new RunExtras()));
        Assert.Equal("custom", ProtocolOfHttp(new RunExtras { Protocols = new Dictionary<string, string> { [GoldenRun.Http] = "custom" } }));
    }

    private static string? ProtocolOfHttp(RunExtras extras)
    {
        var document = new RunDocumentBuilder(GoldenRun.Plan(), new RunClock(), null, new TimelineEvents())
            .Build(GoldenRun.Engine(), GoldenRun.Correlator(), extras);
        return Assert.Single(document.Scenarios, s => s.Name == GoldenRun.Http).Protocol;
    }
}
