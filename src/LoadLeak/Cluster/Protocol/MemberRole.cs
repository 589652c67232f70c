using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>What a cluster member does.</summary>
internal enum MemberRole
{
    Agent,
    Probe,
}
