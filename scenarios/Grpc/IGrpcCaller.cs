namespace LoadLeak.Scenarios.Grpc;

/// <summary>
/// Makes the scenario's call (unary or server streaming, as configured) with one client or the other. Both send the
/// same request, x-benchmark-id metadata and grpc-timeout, and report the same way: the replies' protobuf bytes on
/// OK, an <see cref="Grpc.Core.RpcException"/> with the call's status otherwise, an OperationCanceledException or
/// Cancelled status when <paramref name="token"/> (the deadline or the run) cut it short.
/// </summary>
internal interface IGrpcCaller : IDisposable
{
    ValueTask<long> CallAsync(CancellationToken token);
}
