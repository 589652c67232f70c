using LoadLeak.Results;
namespace LoadLeak.Cluster.Members;

/// <summary>
/// What a member streamed, by sequence number, so it can send a message again when the coordinator missed it
/// (NATS core delivers at most once: a server restart loses what was in flight). Keeps the newest
/// <c>capacity</c> messages. Thread-safe.
/// </summary>
internal sealed class StreamLog(int capacity)
{
    private readonly object _gate = new();
    private readonly Dictionary<long, (string Subject, byte[] Data)> _sent = [];
    private readonly Queue<long> _order = new();
    private long _last;

    public long LastSeq { get { lock (_gate) return _last; } }

    public long Next() { lock (_gate) return ++_last; }

    public void Keep(long seq, string subject, byte[] data)
    {
        lock (_gate)
        {
            if (!_sent.TryAdd(seq, (subject, data))) return;
            _order.Enqueue(seq);
            while (_order.Count > capacity) _sent.Remove(_order.Dequeue());
        }
    }

    public (string Subject, byte[] Data)? Get(long seq)
    {
        lock (_gate) return _sent.TryGetValue(seq, out var sent) ? sent : null;
    }
}
