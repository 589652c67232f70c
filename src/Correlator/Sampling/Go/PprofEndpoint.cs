using LoadLeak.Correlator.Sampling.Endpoints;

namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>
/// The URLs of a Go service's diagnostics, from the base of its <c>/debug/pprof</c>, and typed reads of each.
/// expvar's <c>/debug/vars</c> is looked for beside <c>/debug/pprof</c> (the standard mux places it there).
/// Every read throws <see cref="EndpointException"/> naming the URL.
/// </summary>
public sealed class PprofEndpoint
{
    /// <summary>Per-second reads; a saturated target answers late, and a late reading is still a reading.</summary>
    public static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Profiles: a forced GC of a large heap, or stacks of many goroutines, takes seconds.</summary>
    public static readonly TimeSpan ProfileTimeout = TimeSpan.FromSeconds(30);

    public PprofEndpoint(Uri baseUrl)
    {
        var text = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        Base = new Uri(text + "/");
        var path = Base.AbsolutePath.TrimEnd('/');
        Vars = path.EndsWith("/debug/pprof", StringComparison.Ordinal)
            ? new Uri(Base, path[..^"pprof".Length] + "vars")
            : new Uri(Base, "/debug/vars");
    }

    /// <summary>The base with a trailing slash: <c>http://127.0.0.1:8080/debug/pprof/</c> (also the index page).</summary>
    public Uri Base { get; }

    public Uri Vars { get; }

    public Uri Goroutines => new(Base, "goroutine?debug=1");

    public Uri HeapAfterGc => new(Base, "heap?gc=1");

    public Uri HeapDebug => new(Base, "heap?debug=1");

    /// <summary>The goroutine count from the index page (no stacks collected).</summary>
    public Task<long> GoroutineCountAsync(CancellationToken ct) =>
        ReadAsync(Base, PollTimeout, page => PprofIndexParser.Goroutines(page.Text), ct);

    public Task<GoMemStats> ExpvarAsync(CancellationToken ct) =>
        ReadAsync(Vars, PollTimeout, vars => GoMemStatsReader.FromExpvar(vars.Text), ct);

    /// <summary>MemStats from the trailer of heap?debug=1, for services without expvar.</summary>
    public Task<GoMemStats> HeapDebugMemStatsAsync(CancellationToken ct) =>
        ReadAsync(HeapDebug, ProfileTimeout, heap => GoMemStatsReader.FromHeapDebug(heap.Text), ct);

    public Task<GoroutineDump> GoroutineDumpAsync(CancellationToken ct) =>
        ReadAsync(Goroutines, ProfileTimeout, dump => GoroutineDumpParser.Parse(dump.Text), ct);

    /// <summary><c>heap?gc=1</c>: the runtime collects, then reports what is still in use.</summary>
    public Task<HeapProfileSummary> HeapAfterGcAsync(CancellationToken ct) =>
        ReadAsync(HeapAfterGc, ProfileTimeout, heap => HeapProfileSummarizer.Summarize(PprofProtoDecoder.Decode(heap.Body)), ct);

    private static async Task<T> ReadAsync<T>(Uri url, TimeSpan timeout, Func<EndpointResponse, T> parse, CancellationToken ct)
    {
        var response = await EndpointClient.GetAsync(url, timeout, ct).ConfigureAwait(false);
        try
        {
            return parse(response);
        }
        catch (EndpointContentException ex)
        {
            throw new EndpointException(EndpointFailureKind.WrongContent, url, ex.Message);
        }
    }
}
