using Google.Protobuf;
using LoadLeak.Protos;
using LoadLeak.Scenarios.Grpc.Lean;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>The lean gRPC client's receive windows on one long server stream, against a server that honours them.</summary>
public sealed class LeanGrpcFlowControlTests
{
    [Fact]
    public async Task A_server_stream_larger_than_the_streams_receive_window_completes_because_the_client_returns_window()
    {
        const int messages = 24;
        var reply = new QueryReply { Op = "stream", Payload = new string('x', 512 * 1024) }.ToByteArray();
        var total = messages * (long)reply.Length;
        // Only per-stream WINDOW_UPDATEs let the server send past the stream's initial window (the connection's is larger).
        Assert.True(total > Http2Connection.OurStreamWindow, $"{total} bytes do not exceed the stream window");
        await using var server = new ScriptedHttp2Server(request =>
            request.Connection.RespondAsync(request.StreamId, Enumerable.Repeat(reply, messages).ToArray()));

        var responses = await ScenarioDriver.RunAsync(LeanGrpcStreamFailureTests.Lean(server.Port, ""","Call":"stream" """), iterations: 1);

        var response = Assert.Single(responses);
        Assert.True(response.IsOk, $"{response.StatusCode}: {response.Message}");
        Assert.InRange(response.SizeBytes - total, 1, 1024); // the replies plus the request message, as both clients count
        Assert.True(server.Connections[0].StreamWindowUpdates >= 1);
    }
}
