using Grpc.Core;

namespace TargetService.Leaks;

/// <summary>Middleware-style leak: each request's headers and path are appended to a static list "for auditing".</summary>
public sealed class ContextListLeak : ILeakMode
{
    private static readonly List<RequestRecord> Seen = [];

    public string Name => "context-list";

    public void OnHttp(HttpContext context)
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString());
        var record = new RequestRecord(context.TraceIdentifier, context.Request.Path, headers, new byte[1024]);
        lock (Seen) Seen.Add(record);
    }

    public void OnGrpc(ServerCallContext context) => OnHttp(context.GetHttpContext());

    public void OnKafka(string benchmarkId, int valueBytes) { }

    private sealed record RequestRecord(string TraceId, string Path, Dictionary<string, string> Headers, byte[] Body);
}
