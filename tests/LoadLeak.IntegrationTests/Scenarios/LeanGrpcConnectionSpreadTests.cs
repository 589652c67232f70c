using System.Text.Json;
using Google.Protobuf;
using LoadLeak.Protos;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// The lean client sends the calls one read completes to a single connection, the least loaded one: the connections
/// must still share the calls (a choice that piled them onto one connection would pass every other lean test).
/// </summary>
public sealed class LeanGrpcConnectionSpreadTests
{
    private static readonly byte[] Reply = new QueryReply { Op = "query", Payload = "scripted" }.ToByteArray();

    [Fact]
    public async Task Calls_started_as_replies_arrive_stay_spread_over_every_connection()
    {
        const int calls = 1200;
        await using var server = new ScriptedHttp2Server(request => request.Connection.RespondAsync(request.StreamId, Reply));
        var settings = JsonDocument.Parse(
            $$"""{"Client":"lean","Address":"http://127.0.0.1:{{server.Port}}","MaxConnections":2,"DeadlineMs":8000}""").RootElement.Clone();
        var props = ScenarioCatalog.Create("grpc", settings, new ScenarioEnvironment(new Dictionary<string, string>(), null));

        var responses = await ScenarioDriver.RunAsync(props, iterations: calls, concurrency: 16);

        Assert.All(responses, r => Assert.True(r.IsOk, $"{r.StatusCode}: {r.Message}"));
        Assert.Equal(2, server.Connections.Count);
        // Balanced by open streams, each carries about half; a quarter is far from both that and from none.
        Assert.All(server.Connections, connection => Assert.InRange(connection.Answered.Count, calls / 4, calls * 3 / 4));
    }
}
