namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>A parsed <c>goroutine?debug=1</c>: the total and the stacks grouped with their counts.</summary>
public sealed record GoroutineDump(long Total, IReadOnlyList<GoroutineGroup> Groups)
{
    /// <summary>Lines that fit no part of the format; skipped, not fatal.</summary>
    public int SkippedLines { get; init; }
}
