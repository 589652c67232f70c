using Grpc.Core;

namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>A response that breaks gRPC's framing on one stream: that call fails with the status, the connection goes on.</summary>
internal sealed class GrpcCallException(StatusCode status, string message) : Exception(message)
{
    public StatusCode Status { get; } = status;
}
