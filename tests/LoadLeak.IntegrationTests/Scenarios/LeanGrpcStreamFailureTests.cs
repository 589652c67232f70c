using System.Text.Json;
using Google.Protobuf;
using LoadLeak.Engine.Api;
using LoadLeak.Protos;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// The lean gRPC client against a scripted HTTP/2 server that sends GOAWAY and RST_STREAM at chosen moments: which
/// calls move to another connection, which fail and with what status, and that the connection goes on.
/// </summary>
public sealed class LeanGrpcStreamFailureTests
{
    private const uint Internal = 0x2, RefusedStream = 0x7, Cancel = 0x8;
    private static readonly byte[] Reply = new QueryReply { Op = "query", Payload = "scripted" }.ToByteArray();

    [Fact]
    public async Task Calls_above_a_goaway_last_stream_id_and_calls_queued_behind_them_complete_on_a_new_connection()
    {
        await using var server = new ScriptedHttp2Server(async request =>
        {
            var connection = request.Connection;
            if (connection.Number > 1)
            {
                await connection.RespondAsync(request.StreamId, Reply);
                return;
            }
            // The first connection holds its four streams (1, 3, 5, 7) until all arrived, then says it processed 1 and 3 only.
            if (request.OnConnection < 4) return;
            await connection.GoAwayAsync(3);
            await connection.RespondAsync(1, Reply);
            await connection.RespondAsync(3, Reply);
        }, maxConcurrentStreams: 4);

        // Eight calls at once on one connection that allows four streams: four on the wire, four queued.
        var responses = await ScenarioDriver.RunAsync(Lean(server.Port), iterations: 8, concurrency: 8);

        Assert.All(responses, r => Assert.True(r.IsOk, $"{r.StatusCode}: {r.Message}"));
        var connections = server.Connections;
        Assert.Equal(2, connections.Count);
        Assert.Equal([1, 3], connections[0].Answered.Order());
        Assert.Equal(6, connections[1].Answered.Count); // streams 5 and 7 retried, the four queued calls moved
        Assert.Equal(10, server.Requests);
    }

    [Fact]
    public async Task A_call_gets_one_transparent_retry_and_fails_unavailable_when_the_next_connection_refuses_it_too()
    {
        await using var server = new ScriptedHttp2Server(request => request.Connection.GoAwayAsync(0));

        var responses = await ScenarioDriver.RunAsync(Lean(server.Port), iterations: 1);

        Assert.Equal("Unavailable", Assert.Single(responses).StatusCode);
        Assert.Contains("GOAWAY", responses[0].Message);
        Assert.Equal(2, server.Requests);
        Assert.Equal(2, server.Connections.Count);
    }

    [Fact]
    public async Task Reset_streams_fail_as_grpc_net_maps_them_refused_ones_are_retried_once_and_the_connection_goes_on()
    {
        await using var server = new ScriptedHttp2Server(async request =>
        {
            var (connection, id) = (request.Connection, request.StreamId);
            switch (request.Overall)
            {
                case 1: await connection.ResetAsync(id, Cancel); break;
                case 2: await connection.ResetAsync(id, Internal); break;
                case 3 or 5 or 6: await connection.ResetAsync(id, RefusedStream); break;
                case 7:
                    // Refused after the response headers: the server did process it, so no retry.
                    await connection.SendResponseHeadersAsync(id);
                    await connection.ResetAsync(id, RefusedStream);
                    break;
                default: await connection.RespondAsync(id, Reply); break;
            }
        });

        // Through the scenario, as a run reports them: a server's CANCEL before the deadline stays Cancelled.
        var props = Lean(server.Port);
        var init = new TestInitContext(props.Name, props.CustomSettings, new CollectingLog());
        await props.Init!(init);
        var statuses = new List<string>();
        try
        {
            for (var call = 1; call <= 6; call++) statuses.Add((await ScenarioDriver.RunOnceAsync(props)).StatusCode);
        }
        finally
        {
            await props.Clean!(init);
        }

        // Requests 3 → 4 (refused, retried, answered) and 5 → 6 (refused twice); 7 refused after its headers.
        Assert.Equal(["Cancelled", "Internal", "OK", "Unavailable", "Unavailable", "OK"], statuses);
        Assert.Equal(8, server.Requests);
        Assert.Single(server.Connections);
    }

    internal static ScenarioProps Lean(int port, string extra = "") => ScenarioCatalog.Create("grpc", Settings(port, extra), Environment);

    private static readonly ScenarioEnvironment Environment = new(new Dictionary<string, string>(), null);

    private static JsonElement Settings(int port, string extra = "") => JsonDocument.Parse(
        $$"""{"Client":"lean","Address":"http://127.0.0.1:{{port}}","MaxConnections":1,"DeadlineMs":8000{{extra}}}""").RootElement.Clone();
}
