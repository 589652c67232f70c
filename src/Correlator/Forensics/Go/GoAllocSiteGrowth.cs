using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.Correlator.Forensics.Go;

/// <summary>
/// In-use heap of one allocating function that grew (run.json <c>heap.topGrowers[]</c> with kind <see cref="Kind"/>).
/// Deltas run from the baseline to the after-cool-down snapshot; <see cref="PeakBytesDelta"/> to the peak.
/// </summary>
internal sealed record GoAllocSiteGrowth(GoFrame Frame, long BytesDelta, long ObjectsDelta, long BytesAfterCoolDown, bool SurvivesCoolDown)
{
    public const string Kind = "go-alloc-site";

    public long PeakBytesDelta { get; init; }

    public long PeakObjectsDelta { get; init; }
}
