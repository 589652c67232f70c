using LoadLeak.Results;
namespace LoadLeak.Cluster.Timing;

/// <summary>
/// Minimum-RTT clock offset estimation (as NTP's clock filter keeps the best sample): each round trip
/// brackets the member's reading between the coordinator's send and receive times, so the midpoint is off
/// by at most RTT/2, and the shortest round trip gives the tightest bound. Thread-safe.
/// </summary>
internal sealed class ClockOffsetEstimator
{
    private readonly object _gate = new();
    private ClockOffset? _best;
    private int _samples;

    public ClockOffset? Best { get { lock (_gate) return _best is null ? null : _best with { Samples = _samples }; } }

    /// <summary>One round trip: sent and received on the coordinator's clock, answered on the member's.</summary>
    /// <returns>False when the sample is impossible (received before sent) and was ignored.</returns>
    public bool Add(long coordinatorSentNs, long memberNs, long coordinatorReceivedNs)
    {
        var rtt = coordinatorReceivedNs - coordinatorSentNs;
        if (rtt < 0) return false;
        // Midpoint without overflow: sent + rtt/2.
        var offset = memberNs - (coordinatorSentNs + rtt / 2);
        lock (_gate)
        {
            _samples++;
            if (_best is null || rtt < _best.RttNs) _best = new ClockOffset(offset, (rtt + 1) / 2, rtt, _samples);
        }
        return true;
    }
}
