using Grpc.Core;
using LoadLeak.Protos;
using TargetService.Leaks;
using TargetService.Query;

namespace TargetService.Grpc;

/// <summary>The gRPC side of the uniform template; echoes the x-benchmark-id metadata in each reply.</summary>
public sealed class BenchmarkService(QueryHandler handler, ILeakMode leak, SeenRequests seen) : Benchmark.BenchmarkBase
{
    private const int MaxStreamMessages = 10_000;

    public override Task<QueryReply> Query(QueryRequest request, ServerCallContext context)
    {
        leak.OnGrpc(context);
        seen.Grpc(context.RequestHeaders.GetValue("x-benchmark-id"), context.Deadline);
        return Task.FromResult(Reply(request, context, 0));
    }

    public override async Task QueryStream(QueryRequest request, IServerStreamWriter<QueryReply> responseStream, ServerCallContext context)
    {
        leak.OnGrpc(context);
        seen.Grpc(context.RequestHeaders.GetValue("x-benchmark-id"), context.Deadline);
        var count = Math.Clamp(request.StreamMessages, 1, MaxStreamMessages);
        for (var i = 0; i < count; i++)
            await responseStream.WriteAsync(Reply(request, context, i), context.CancellationToken);
    }

    private QueryReply Reply(QueryRequest request, ServerCallContext context, int sequence)
    {
        var benchmarkId = context.RequestHeaders.GetValue("x-benchmark-id");
        var result = handler.Handle(request.Op, request.Payload, benchmarkId);
        return new QueryReply
        {
            Op = result.Op,
            Payload = result.Digest,
            ServedAtUnixMs = result.ServedAtUnixMs,
            BenchmarkId = benchmarkId ?? "",
            Sequence = sequence,
        };
    }
}
