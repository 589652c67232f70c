using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>Where an agent or probe is in its life, as it reports in heartbeat replies.</summary>
internal enum MemberState
{
    Joining,
    Assigned,
    Running,
    Finished,
    Failed,
}
