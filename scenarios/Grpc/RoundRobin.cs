namespace LoadLeak.Scenarios.Grpc;

/// <summary>Hands out a fixed set of connections (channels, slots) in turn, lock-free, one per call.</summary>
internal sealed class RoundRobin<T>(T[] items)
{
    private long _next;

    public T[] Items => items;

    public T Next() => items[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)items.Length)];
}
