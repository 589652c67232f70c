namespace TargetService.Query;

/// <summary>Caches the digest of a payload; two implementations so --impl can compare them.</summary>
public interface IQueryCache
{
    string GetOrAdd(string key, Func<string, string> compute);
}

/// <summary>A dictionary that is cleared when it reaches its cap (cheap, bursty misses).</summary>
public sealed class DictionaryQueryCache(int capacity = 10_000) : IQueryCache
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _entries = new();

    public string GetOrAdd(string key, Func<string, string> compute)
    {
        if (_entries.TryGetValue(key, out var value)) return value;
        if (_entries.Count >= capacity) _entries.Clear();
        return _entries.GetOrAdd(key, compute);
    }
}

/// <summary>A least-recently-used cache under one lock (precise eviction, more bookkeeping per hit).</summary>
public sealed class LruQueryCache(int capacity = 10_000) : IQueryCache
{
    private readonly Dictionary<string, LinkedListNode<(string Key, string Value)>> _index = new();
    private readonly LinkedList<(string Key, string Value)> _recency = new();

    public string GetOrAdd(string key, Func<string, string> compute)
    {
        lock (_index)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Value;
            }
            var value = compute(key);
            _index[key] = _recency.AddFirst((key, value));
            if (_index.Count > capacity)
            {
                _index.Remove(_recency.Last!.Value.Key);
                _recency.RemoveLast();
            }
            return value;
        }
    }
}
