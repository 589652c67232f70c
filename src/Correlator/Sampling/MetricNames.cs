namespace LoadLeak.Correlator.Sampling;

/// <summary>How a metric's readings within one second fold into that second's value.</summary>
public enum MetricAggregate
{
    /// <summary>A level (heap size, thread count): the last reading in the second wins.</summary>
    Last,
    /// <summary>A running total (CPU seconds, allocated bytes): the second's value is the increase.</summary>
    Cumulative,
}

public sealed record MetricInfo(string Name, string Unit, string Description, MetricAggregate Aggregate);

/// <summary>The namespaced metric names, kept apart from their metadata so readings stay small.</summary>
public static class MetricNames
{
    public const string GcHeapSize = "runtime/gc-heap-size";
    public const string PostGcHeapSize = "runtime/post-gc-heap-size";
    public const string ThreadPoolThreads = "runtime/threadpool-threads";
    public const string Timers = "runtime/timers";
    public const string AllocBytes = "runtime/alloc-bytes";
    public const string GcPauseMs = "runtime/gc-pause-ms";
    public const string GcCount = "runtime/gc-count";
    public const string Exceptions = "runtime/exceptions";
    public const string LockContentions = "runtime/lock-contentions";
    public const string WorkingSet = "process/working-set";
    public const string Rss = "process/rss";
    public const string OsThreads = "process/threads";
    public const string Fds = "process/fds";
    public const string CpuSeconds = "process/cpu-seconds";
    public const string Goroutines = "runtime/goroutines";
    public const string GoHeapInuse = "runtime/go-heap-inuse";
    public const string GoStackInuse = "runtime/go-stack-inuse";
    public const string RuntimeThreads = "runtime/threads";

    /// <summary>A gauge the user named (<c>--target-metric NAME</c>) lives under this prefix.</summary>
    public const string CustomPrefix = "custom/";

    public static readonly IReadOnlyDictionary<string, MetricInfo> All = new[]
    {
        new MetricInfo(GcHeapSize, "bytes", "GC heap size now (includes garbage not yet collected)", MetricAggregate.Last),
        new MetricInfo(PostGcHeapSize, "bytes", "GC heap size right after the last GC (sum over generations)", MetricAggregate.Last),
        new MetricInfo(ThreadPoolThreads, "count", "thread-pool threads", MetricAggregate.Last),
        new MetricInfo(Timers, "count", "active System.Threading timers", MetricAggregate.Last),
        new MetricInfo(AllocBytes, "bytes", "bytes allocated since start (running total)", MetricAggregate.Cumulative),
        new MetricInfo(GcPauseMs, "ms", "time paused in GC since start (running total)", MetricAggregate.Cumulative),
        new MetricInfo(GcCount, "count", "GCs since start, all generations (running total)", MetricAggregate.Cumulative),
        new MetricInfo(Exceptions, "count", "exceptions thrown since start (running total)", MetricAggregate.Cumulative),
        new MetricInfo(LockContentions, "count", "monitor lock contentions since start (running total)", MetricAggregate.Cumulative),
        new MetricInfo(WorkingSet, "bytes", "working set reported by the runtime", MetricAggregate.Last),
        new MetricInfo(Rss, "bytes", "resident set size (/proc VmRSS)", MetricAggregate.Last),
        new MetricInfo(OsThreads, "count", "OS threads of the process (/proc)", MetricAggregate.Last),
        new MetricInfo(Fds, "count", "open file descriptors (/proc/pid/fd)", MetricAggregate.Last),
        new MetricInfo(CpuSeconds, "s", "CPU seconds used since start, user + system (running total)", MetricAggregate.Cumulative),
        new MetricInfo(Goroutines, "count", "goroutines that exist now (Go)", MetricAggregate.Last),
        new MetricInfo(GoHeapInuse, "bytes", "bytes in in-use heap spans (Go HeapInuse)", MetricAggregate.Last),
        new MetricInfo(GoStackInuse, "bytes", "bytes in goroutine stack spans (Go StackInuse)", MetricAggregate.Last),
        new MetricInfo(RuntimeThreads, "count", "threads as the runtime counts them (Go: OS threads created; JVM: live threads)",
            MetricAggregate.Last),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The metric name of a user-named gauge; its readings are levels.</summary>
    public static string Custom(string exposedName) => CustomPrefix + exposedName;

    public static MetricAggregate AggregateOf(string name) =>
        All.TryGetValue(name, out var info) ? info.Aggregate : MetricAggregate.Last;
}
