using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>What a leak finding is about: memory (heap, rss) or a count (threads, timers, fds, goroutines).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<LeakResource>))]
public enum LeakResource
{
    Heap,
    Rss,
    Threads,
    Timers,
    Fds,
    /// <summary>Go goroutines: one started per request that never exits is Go's classic leak.</summary>
    Goroutines,
}
