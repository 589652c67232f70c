using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// Where every received payload passes: good messages go on, malformed, foreign, other-version and unexpected
/// ones are counted and dropped. Nothing a stranger publishes on our subjects can crash a member. Thread-safe.
/// </summary>
internal sealed class MessageGate(string clusterId)
{
    private long _accepted, _malformed, _foreign, _otherVersion, _unexpected;

    public string ClusterId => clusterId;
    public long Accepted => Interlocked.Read(ref _accepted);
    public long Malformed => Interlocked.Read(ref _malformed);
    public long Foreign => Interlocked.Read(ref _foreign);
    public long OtherVersion => Interlocked.Read(ref _otherVersion);
    public long Unexpected => Interlocked.Read(ref _unexpected);

    /// <summary>Everything received that was dropped, whatever the reason.</summary>
    public long Dropped => Malformed + Foreign + OtherVersion + Unexpected;

    public bool TryAccept(ReadOnlySpan<byte> data, out ClusterMessage? message)
    {
        message = null;
        var outcome = data.IsEmpty ? DecodeOutcome.Malformed : ClusterCodec.TryDecode(data, clusterId, out message);
        Count(outcome);
        return outcome == DecodeOutcome.Ok;
    }

    /// <summary>A well-formed message that has no business where it arrived.</summary>
    public void CountUnexpected()
    {
        Interlocked.Decrement(ref _accepted);
        Interlocked.Increment(ref _unexpected);
    }

    private void Count(DecodeOutcome outcome)
    {
        switch (outcome)
        {
            case DecodeOutcome.Ok: Interlocked.Increment(ref _accepted); break;
            case DecodeOutcome.Malformed: Interlocked.Increment(ref _malformed); break;
            case DecodeOutcome.Foreign: Interlocked.Increment(ref _foreign); break;
            case DecodeOutcome.OtherVersion: Interlocked.Increment(ref _otherVersion); break;
            default: Interlocked.Increment(ref _unexpected); break;
        }
    }

    public override string ToString() =>
        $"{Accepted} accepted, {Malformed} malformed, {Foreign} foreign, {OtherVersion} other-version, {Unexpected} unexpected";
}
