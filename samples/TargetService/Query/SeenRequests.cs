namespace TargetService.Query;

public sealed record SeenSnapshot(long Http, long Grpc, long Kafka, string? LastHttpBenchmarkId, string? LastGrpcBenchmarkId,
    string? LastKafkaBenchmarkId, string? LastHttpProtocol,
    double? LastGrpcDeadlineMs);

/// <summary>
/// What the target has served per path, with the last benchmark id each path received (GET /api/seen),
/// so a client can verify its header/metadata arrived and a run can compare work done per path.
/// </summary>
public sealed class SeenRequests
{
    private long _http, _grpc, _kafka;
    private string? _httpId, _grpcId, _kafkaId, _httpProtocol;
    private double _grpcDeadlineMs = double.NaN;

    public void Http(string? benchmarkId, string protocol)
    {
        Interlocked.Increment(ref _http);
        if (benchmarkId is not null) Volatile.Write(ref _httpId, benchmarkId);
        Volatile.Write(ref _httpProtocol, protocol);
    }

    /// <summary>A gRPC call; <paramref name="deadline"/> is the call's deadline (DateTime.MaxValue: none), kept as the time it had left.</summary>
    public void Grpc(string? benchmarkId, DateTime deadline)
    {
        Interlocked.Increment(ref _grpc);
        if (benchmarkId is not null) Volatile.Write(ref _grpcId, benchmarkId);
        Volatile.Write(ref _grpcDeadlineMs, deadline == DateTime.MaxValue ? double.NaN : (deadline - DateTime.UtcNow).TotalMilliseconds);
    }

    public void Kafka(string? benchmarkId)
    {
        Interlocked.Increment(ref _kafka);
        if (benchmarkId is not null) Volatile.Write(ref _kafkaId, benchmarkId);
    }

    public SeenSnapshot Snapshot() => new(Interlocked.Read(ref _http), Interlocked.Read(ref _grpc), Interlocked.Read(ref _kafka),
        Volatile.Read(ref _httpId), Volatile.Read(ref _grpcId), Volatile.Read(ref _kafkaId), Volatile.Read(ref _httpProtocol),
        Volatile.Read(ref _grpcDeadlineMs) is var left && double.IsNaN(left) ? null : left);
}
