using LoadLeak.Results;
namespace LoadLeak.Cluster.Timing;

/// <summary>
/// A member's clock minus the coordinator's (nanoseconds), from the round trip with the smallest RTT:
/// the true offset lies within ± <see cref="ErrorNs"/> (half that RTT) whatever the delays on each leg.
/// </summary>
internal sealed record ClockOffset(long OffsetNs, long ErrorNs, long RttNs, int Samples)
{
    public double OffsetMs => OffsetNs / 1e6;
    public double ErrorMs => ErrorNs / 1e6;

    /// <summary>The member's clock reading at a coordinator clock reading.</summary>
    public long ToMember(long coordinatorNs) => coordinatorNs + OffsetNs;

    public long ToCoordinator(long memberNs) => memberNs - OffsetNs;
}
