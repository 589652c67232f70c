using Grpc.Core;

namespace TargetService.Leaks;

/// <summary>Retains 4 KB per gRPC call and nothing on the other paths, so attribution must point at gRPC.</summary>
public sealed class GrpcOnlyLeak : ILeakMode
{
    private static readonly List<byte[]> Retained = [];

    public string Name => "grpc-only";
    public void OnHttp(HttpContext context) { }
    public void OnGrpc(ServerCallContext context) { lock (Retained) Retained.Add(new byte[4096]); }
    public void OnKafka(string benchmarkId, int valueBytes) { }
}

/// <summary>Retains 4 KB per consumed Kafka message and nothing on the other paths.</summary>
public sealed class KafkaOnlyLeak : ILeakMode
{
    private static readonly List<byte[]> Retained = [];

    public string Name => "kafka-only";
    public void OnHttp(HttpContext context) { }
    public void OnGrpc(ServerCallContext context) { }
    public void OnKafka(string benchmarkId, int valueBytes) { lock (Retained) Retained.Add(new byte[4096]); }
}
