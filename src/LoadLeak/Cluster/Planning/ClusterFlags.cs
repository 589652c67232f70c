using LoadLeak.Results;
namespace LoadLeak.Cluster.Planning;

/// <summary>The raw <c>--cluster-*</c> flag values of `run`, before validation; null means the flag was not given.</summary>
internal sealed record ClusterFlags(
    string? ClusterId = null,
    int? AgentsCount = null,
    string? NatsUrl = null,
    bool Probe = false,
    string? Timeout = null,
    int? Local = null,
    string? NatsCreds = null)
{
    public bool Any => ClusterId is not null || AgentsCount is not null || NatsUrl is not null || Probe
                       || Timeout is not null || Local is not null || NatsCreds is not null;
}
