using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>A probe announcing itself (repeated until assigned), with the target it will sample.</summary>
internal sealed record ProbeHello(string Id, string Host, string Version, int Pid, string Target) : ClusterMessage;
