namespace LoadLeak.Scenarios.Grpc;

/// <summary>Which client the gRPC scenario calls with (CustomSettings <c>Client</c>).</summary>
public enum GrpcClientKind
{
    /// <summary>Grpc.Net.Client over SocketsHttpHandler (the default; http and https).</summary>
    GrpcNet,

    /// <summary>
    /// The lean h2c client (<see cref="Lean.LeanGrpcCaller"/>): the same calls, headers, deadline and statuses over
    /// its own HTTP/2 connections, with less client CPU per call; http:// only.
    /// </summary>
    Lean,
}
