using System.Text.Json;
using TargetService.Kafka;
using TargetService.Leaks;

namespace TargetService.Query;

/// <summary>
/// The HTTP routes: POST /api/query (optional <c>?delayMs=N</c> to simulate a slow backend), GET /healthz,
/// GET /api/kafka/e2e, GET /api/seen, GET /api/debug/retained.
/// </summary>
public static class HttpEndpoints
{
    public const string BenchmarkHeader = "X-Benchmark-ID";
    private const int MaxDelayMs = 60_000;

    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapPost("/api/query", QueryAsync);
        app.MapGet("/api/query", (HttpContext context, QueryHandler handler) => Reply(context, handler, "query", ""));
        app.MapGet("/api/debug/retained", () => Results.Json(RetainedSnapshot.Take(), TargetJsonContext.Default.RetainedSnapshot));
        app.MapGet("/api/seen", (SeenRequests seen) => Results.Json(seen.Snapshot(), TargetJsonContext.Default.SeenSnapshot));
        app.MapGet("/api/kafka/e2e", (EndToEndRecorder recorder) => Results.Json(recorder.Snapshot(), TargetJsonContext.Default.EndToEndSnapshot));
    }

    /// <summary>Calls the leak fixture once per plain HTTP request (gRPC calls get theirs in the service).</summary>
    public static void UseLeakHook(WebApplication app)
    {
        var leak = app.Services.GetRequiredService<ILeakMode>();
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
                leak.OnHttp(context);
            await next(context);
        });
    }

    private static async Task<IResult> QueryAsync(HttpContext context, QueryHandler handler, int? delayMs)
    {
        if (delayMs is > 0) await Task.Delay(Math.Min(delayMs.Value, MaxDelayMs), context.RequestAborted);
        await handler.WaitForStoreAsync(context.RequestAborted);
        QueryRequestBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, TargetJsonContext.Default.QueryRequestBody, context.RequestAborted);
        }
        catch (JsonException failure)
        {
            return Results.Text("body is not the query JSON: " + failure.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        return Reply(context, handler, body?.Op ?? "query", body?.Payload ?? "");
    }

    private static IResult Reply(HttpContext context, QueryHandler handler, string op, string payload)
    {
        var benchmarkId = context.Request.Headers[BenchmarkHeader].FirstOrDefault();
        context.RequestServices.GetRequiredService<SeenRequests>().Http(benchmarkId, context.Request.Protocol);
        if (benchmarkId is not null) context.Response.Headers[BenchmarkHeader] = benchmarkId;
        var reply = handler.Handle(op, payload, benchmarkId);
        return Results.Bytes(handler.Serialize(reply), "application/json");
    }
}
