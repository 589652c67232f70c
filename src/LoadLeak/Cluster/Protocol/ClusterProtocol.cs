using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>Constants every member of a cluster must agree on.</summary>
internal static class ClusterProtocol
{
    /// <summary>Bumped on any incompatible change of a message; members of another version are ignored.</summary>
    public const int Version = 1;

    public const string CoordinatorId = "coordinator";
}
