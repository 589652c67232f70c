namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>Goroutines with the same stack (leaf first), as <c>goroutine?debug=1</c> groups them.</summary>
public sealed record GoroutineGroup(long Count, IReadOnlyList<GoFrame> Frames)
{
    /// <summary>pprof labels of the group (<c># labels: {…}</c>), when the service sets them.</summary>
    public string? Labels { get; init; }

    /// <summary>The first frame outside the runtime: not <c>runtime.gopark</c> or <c>runtime.selectgo</c> but the line that waits.</summary>
    public GoFrame? TopFrame => Frames.FirstOrDefault(f => !f.IsRuntime) ?? Frames.FirstOrDefault();

    /// <summary>Identifies the stack across snapshots of one process.</summary>
    public string StackKey => string.Join('\n', Frames.Select(f => f.ToString()));
}
