using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>An agent announcing itself; repeated every second until it is assigned, so a late coordinator still finds it.</summary>
internal sealed record AgentHello(string Id, string Group, string Host, string Version, int Pid) : ClusterMessage;
