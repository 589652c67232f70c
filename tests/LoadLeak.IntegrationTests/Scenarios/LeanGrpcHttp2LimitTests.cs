using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>The lean gRPC client under a server's HTTP/2 limits: its stream limit and its GOAWAY on idle connections.</summary>
public sealed class LeanGrpcHttp2LimitTests
{
    [Fact]
    public async Task Calls_beyond_the_servers_stream_limit_wait_for_a_free_stream_and_all_succeed()
    {
        await using var server = await LimitedGrpcServer.StartAsync(maxStreamsPerConnection: 2, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(10));
        var responses = await ScenarioDriver.RunAsync(Lean(server, maxConnections: 1), iterations: 60, concurrency: 8);

        Assert.All(responses, r => Assert.True(r.IsOk, $"{r.StatusCode}: {r.Message}"));
        Assert.Equal(60, server.Served);
        Assert.Equal(2, server.MostInProgress);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task After_the_server_closes_an_idle_connection_with_goaway_new_calls_use_a_new_one()
    {
        await using var server = await LimitedGrpcServer.StartAsync(maxStreamsPerConnection: 100, TimeSpan.FromSeconds(1), TimeSpan.Zero);
        var props = Lean(server, maxConnections: 2);
        var log = new CollectingLog();
        var init = new TestInitContext(props.Name, props.CustomSettings, log);
        await props.Init!(init);
        try
        {
            for (var round = 0; round < 2; round++)
            {
                for (var call = 0; call < 10; call++)
                {
                    var response = await props.Run(new TestStepContext(props.Name, call, log, CancellationToken.None));
                    Assert.True(response.IsOk, $"round {round}: {response.StatusCode}: {response.Message}");
                }
                // Kestrel's keep-alive (checked about once a second) sends GOAWAY on the idle connections and closes
                // them; wait for the server to have closed both, however slow the machine, then give the client's
                // readers a moment to see the end of their streams.
                if (round == 0)
                {
                    for (var i = 0; i < 300 && server.ClosedConnections < 2; i++) await Task.Delay(100);
                    Assert.Equal(2, server.ClosedConnections);
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }
        finally
        {
            await props.Clean!(init);
        }
        Assert.Equal(20, server.Served);
        Assert.Equal(4, server.Connections); // two per round
    }

    [Fact]
    public async Task Stopping_the_scenario_ends_calls_still_in_flight_instead_of_hanging()
    {
        await using var server = await LimitedGrpcServer.StartAsync(maxStreamsPerConnection: 2, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(20));
        var props = Lean(server, maxConnections: 2);
        var log = new CollectingLog();
        var init = new TestInitContext(props.Name, props.CustomSettings, log);
        await props.Init!(init);
        // Eight calls on two connections that allow two streams each: four in progress on the server, four queued.
        var calls = Enumerable.Range(0, 8).Select(i => props.Run(new TestStepContext(props.Name, i, log, CancellationToken.None))).ToArray();
        for (var i = 0; i < 100 && server.MostInProgress < 4; i++) await Task.Delay(20);
        Assert.Equal(4, server.MostInProgress);

        await props.Clean!(init);
        var responses = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.All(responses, r => { Assert.False(r.IsOk); Assert.Equal("Unavailable", r.StatusCode); });
    }

    private static Engine.Api.ScenarioProps Lean(LimitedGrpcServer server, int maxConnections) => ScenarioCatalog.Create("grpc",
        System.Text.Json.JsonDocument.Parse($$"""{"Client":"lean","Address":"http://127.0.0.1:{{server.Port}}","MaxConnections":{{maxConnections}}}""").RootElement.Clone(),
        new ScenarioEnvironment(new Dictionary<string, string>(), null));
}
