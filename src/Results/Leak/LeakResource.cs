using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>What a leak finding is about: memory (heap, rss) or a count (threads, timers, fds).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<LeakResource>))]
public enum LeakResource
{
    Heap,
    Rss,
    Threads,
    Timers,
    Fds,
}
