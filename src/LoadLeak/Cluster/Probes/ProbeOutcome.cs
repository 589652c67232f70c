using LoadLeak.Results;
namespace LoadLeak.Cluster.Probes;

/// <summary>How a probe's run ended.</summary>
internal enum ProbeOutcome
{
    Completed,
    Stopped,
    CoordinatorLost,
    NeverAssigned,
    TargetFailed,
    Interrupted,
}
