using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>What a leak finding is about: memory (heap, rss) or a count (threads, timers, fds, goroutines).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<LeakResource>))]
public enum LeakResource
{
    Heap,
    Rss,
    /// <summary>OS threads of the process (/proc): a leaked dedicated thread shows here.</summary>
    Threads,
    Timers,
    Fds,
    /// <summary>Go goroutines: one started per request that never exits is Go's classic leak.</summary>
    Goroutines,
    /// <summary>.NET thread-pool threads (runtime counter): the pool keeps idle ones until its idle timeout.</summary>
    ThreadPoolThreads,
}
