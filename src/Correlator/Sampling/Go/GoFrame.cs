namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>One frame of a Go stack: the function as Go names it (<c>net/http.(*conn).serve</c>), its file and line.</summary>
public sealed record GoFrame(string Function, string File, int Line)
{
    /// <summary>The import path of the function's package: <c>net/http</c>, <c>main</c>, <c>github.com/a/b</c>.</summary>
    public string Package
    {
        get
        {
            var slash = Function.LastIndexOf('/');
            var dot = Function.IndexOf('.', slash + 1);
            return dot < 0 ? Function : Function[..dot];
        }
    }

    /// <summary>
    /// The scheduler and its shims: package runtime (and runtime/internal/…) and the functions other packages
    /// link to it (<c>internal/poll.runtime_pollWait</c>, <c>sync.runtime_Semacquire</c>). A goroutine parked in
    /// them is waiting; the leak's line is the first frame after them.
    /// </summary>
    public bool IsRuntime
    {
        get
        {
            var package = Package;
            if (package is "runtime" || package.StartsWith("runtime/internal/", StringComparison.Ordinal)) return true;
            return Function.AsSpan(Math.Min(package.Length + 1, Function.Length)).StartsWith("runtime_", StringComparison.Ordinal);
        }
    }

    /// <summary><c>/src/app/leaks.go:52</c>: file and line.</summary>
    public string Location => Line > 0 ? $"{File}:{Line}" : File;

    public override string ToString() => $"{Function} {Location}";
}
