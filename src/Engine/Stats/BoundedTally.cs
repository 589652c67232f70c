using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// Counts occurrences per key, keeping at most <c>capacity</c> distinct keys so that a target
/// returning a unique error message per request cannot grow memory without bound; the rest are
/// counted under <c>overflowKey</c>.
/// </summary>
internal sealed class BoundedTally<TKey>(int capacity, TKey overflowKey) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, StrongBox<long>> _counts = new();

    public void Add(TKey key, long count = 1)
    {
        if (!_counts.TryGetValue(key, out var box))
        {
            var target = _counts.Count < capacity ? key : overflowKey;
            box = _counts.GetOrAdd(target, _ => new StrongBox<long>());
        }
        Interlocked.Add(ref box.Value, count);
    }

    public IReadOnlyList<KeyValuePair<TKey, long>> Snapshot() =>
        _counts.Select(kv => KeyValuePair.Create(kv.Key, Interlocked.Read(ref kv.Value.Value)))
            .OrderByDescending(kv => kv.Value)
            .ToList();
}
