namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>
/// Tells the service's own frames from the standard library's. Go records absolute source paths, and the
/// runtime's own frames reveal GOROOT (<c>/usr/lib/go-1.19/src/runtime/proc.go</c>): anything under that
/// <c>src/</c> is the standard library. Binaries built with -trimpath record import paths instead; then a
/// package whose first path element has no dot (and is not <c>main</c>) counts as standard library.
/// </summary>
internal sealed class GoCodeClassifier
{
    private readonly string? _goRootSource;

    private GoCodeClassifier(string? goRootSource) => _goRootSource = goRootSource;

    public static GoCodeClassifier From(IEnumerable<GoFrame> frames)
    {
        foreach (var frame in frames)
        {
            var package = frame.Package;
            if (package != "runtime" && !package.StartsWith("runtime/", StringComparison.Ordinal)) continue;
            var at = frame.File.LastIndexOf("/src/runtime/", StringComparison.Ordinal);
            if (at > 0) return new GoCodeClassifier(frame.File[..(at + "/src/".Length)]);
        }
        return new GoCodeClassifier(null);
    }

    public string? GoRootSource => _goRootSource;

    public bool IsStandardLibrary(GoFrame frame)
    {
        if (frame.IsRuntime) return true;
        if (_goRootSource is not null && frame.File.Length > 0) return frame.File.StartsWith(_goRootSource, StringComparison.Ordinal);
        var package = frame.Package;
        if (package == "main" || package.StartsWith("main.", StringComparison.Ordinal)) return false;
        var firstElement = package.Split('/')[0];
        return !firstElement.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>The first frame of the service's own code, else the first outside the runtime, else the first.</summary>
    public GoFrame? Blame(IReadOnlyList<GoFrame> stack) =>
        stack.FirstOrDefault(f => !IsStandardLibrary(f)) ?? stack.FirstOrDefault(f => !f.IsRuntime) ?? stack.FirstOrDefault();
}
