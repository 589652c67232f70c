using System.Collections.Concurrent;

namespace TargetService.Leaks;

/// <summary>Not a leak: grows like static-cache at first, then evicts the oldest entry at its cap and plateaus (~25 MB).</summary>
public sealed class BoundedCache : EveryPathLeak
{
    private const int Capacity = 20_000;
    private readonly ConcurrentDictionary<long, byte[]> _entries = new();
    private readonly ConcurrentQueue<long> _insertionOrder = new();

    public override string Name => "bounded-cache";

    protected override void OnRequest(long requestNumber)
    {
        _entries[requestNumber] = new byte[1024];
        _insertionOrder.Enqueue(requestNumber);
        while (_entries.Count > Capacity && _insertionOrder.TryDequeue(out var oldest))
            _entries.TryRemove(oldest, out _);
    }
}
