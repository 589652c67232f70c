using LoadLeak.Documents;
using LoadLeak.Engine.Running;
using LoadLeak.Reporting.Html;
using LoadLeak.Reporting.Markdown;
using LoadLeak.Results;
using LoadLeak.Scenarios.Settings;
using LoadLeak.Sessions;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.Results;

/// <summary>run.json and the reports name the client each scenario sent with, and why; a scenario without one leaves the fields out.</summary>
public sealed class ScenarioClientTests
{
    private static readonly ClientChoice Raw = ClientChoice.Auto("raw", "plain http, HTTP/1.1, headers it can send");

    [Fact]
    public void The_built_document_carries_the_client_of_each_catalog_scenario_and_omits_it_for_the_others()
    {
        var extras = new RunExtras { Clients = [new(GoldenRun.Http, Raw)] };
        var document = new RunDocumentBuilder(GoldenRun.Plan(), new RunClock(), null, new TimelineEvents())
            .Build(GoldenRun.Engine(), GoldenRun.Correlator(), extras);

        var http = Assert.Single(document.Scenarios, s => s.Name == GoldenRun.Http);
        Assert.Equal(("raw", ClientSelection.Auto, Raw.Reason), (http.Client, http.ClientSelection, http.ClientReason));
        var kafka = Assert.Single(document.Scenarios, s => s.Name == GoldenRun.Kafka);
        Assert.Null(kafka.Client);

        var json = RunDocumentJson.Serialize(document);
        Assert.Contains("\"client\": \"raw\"", json);
        Assert.Contains("\"clientSelection\": \"auto\"", json);
        Assert.Contains($"\"clientReason\": \"{Raw.Reason}\"", json);
        Assert.Single(json.Split("\"clientSelection\"").Skip(1));
        Assert.Equal(document.Scenarios, RunDocumentJson.Deserialize(json).Scenarios, ScenarioComparer.Instance);
    }

    [Fact]
    public void Both_reports_show_the_client_and_why_only_when_a_scenario_has_one()
    {
        var plain = SyntheticRunDocument.Create(durationSeconds: 120);
        var first = plain.Scenarios[0] with
        {
            Client = "httpclient",
            ClientSelection = ClientSelection.Configured,
            ClientReason = "Client 'httpclient' set in CustomSettings",
        };
        var named = plain with { Scenarios = [first, .. plain.Scenarios.Skip(1)] };

        Assert.DoesNotContain("<h3>Clients</h3>", HtmlExporter.Render(plain));
        Assert.DoesNotContain("| Client |", MarkdownExporter.Render(plain));
        var html = HtmlExporter.Render(named);
        Assert.Contains("<h3>Clients</h3>", html);
        Assert.Contains("<code>httpclient</code>", html);
        Assert.Contains("Client &#39;httpclient&#39; set in CustomSettings", html);
        var row = Assert.Single(MarkdownExporter.Render(named).Split('\n'), l => l.Contains("httpclient", StringComparison.Ordinal));
        Assert.Equal($"| {first.Name.Replace("_", "\\_")} | httpclient | configured: Client 'httpclient' set in CustomSettings |", row);
    }

    /// <summary>Records hold dictionaries and lists, which compare by reference; the client fields are what is compared here.</summary>
    private sealed class ScenarioComparer : IEqualityComparer<ScenarioStats>
    {
        public static readonly ScenarioComparer Instance = new();

        public bool Equals(ScenarioStats? x, ScenarioStats? y) =>
            (x?.Name, x?.Client, x?.ClientSelection, x?.ClientReason) == (y?.Name, y?.Client, y?.ClientSelection, y?.ClientReason);

        public int GetHashCode(ScenarioStats obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
