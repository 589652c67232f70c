using System.Text;
using System.Text.Json;
using Grpc.Net.Client;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Simulations;
using LoadLeak.Protos;

namespace CodeFirst;

/// <summary>
/// A two-step flow against the bundled target: an HTTP query, then a gRPC query with what the first returned.
/// {port} and {grpcPort} in CustomSettings are the ports LoadLeak gave the target.
/// </summary>
internal static class QueryScenario
{
    private const string Body = """{"op":"query","payload":"a1b2c3"}""";

    public static ScenarioProps Create()
    {
        HttpClient? http = null;
        GrpcChannel? channel = null;
        Benchmark.BenchmarkClient? grpc = null;

        return Scenario.Create("query-flow", async ctx =>
            {
                var query = await Step.Run("http-query", ctx, async () =>
                {
                    using var content = new StringContent(Body, Encoding.UTF8, "application/json");
                    using var response = await http!.PostAsync("", content, ctx.CancellationToken);
                    var bytes = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken);
                    return response.IsSuccessStatusCode
                        ? Response.Ok(((int)response.StatusCode).ToString(), bytes.Length)
                        : Response.Fail(((int)response.StatusCode).ToString(), response.ReasonPhrase);
                });
                var reply = await Step.Run("grpc-query", ctx, async () =>
                {
                    var answer = await grpc!.QueryAsync(new QueryRequest { Op = "query", Payload = "a1b2c3" },
                        cancellationToken: ctx.CancellationToken);
                    return Response.Ok("OK", answer.CalculateSize());
                });
                return Response.Ok(sizeBytes: query.SizeBytes + reply.SizeBytes);
            })
            .WithInit(ctx =>
            {
                var settings = ctx.CustomSettings;
                http = new HttpClient { BaseAddress = new Uri(settings.GetProperty("Url").GetString()!) };
                channel = GrpcChannel.ForAddress(settings.GetProperty("GrpcAddress").GetString()!);
                grpc = new Benchmark.BenchmarkClient(channel);
                return Task.CompletedTask;
            })
            .WithClean(_ =>
            {
                http?.Dispose();
                channel?.Dispose();
                return Task.CompletedTask;
            })
            // The reports' protocol column; without it a code scenario is "custom".
            .WithProtocol("http+grpc")
            .WithWarmUpDuration(TimeSpan.FromSeconds(2))
            .WithLoadSimulations(new KeepConstant(4, TimeSpan.FromSeconds(10)), new Pause(TimeSpan.FromSeconds(5)))
            .WithThresholds(Threshold.Create("FailRequest.Percent < 5", stats => stats.FailPercent < 5))
            with
        {
            CustomSettings = JsonSerializer.SerializeToElement(new
            {
                Url = "http://127.0.0.1:{port}/api/query",
                GrpcAddress = "http://127.0.0.1:{grpcPort}",
            }),
        };
    }
}
