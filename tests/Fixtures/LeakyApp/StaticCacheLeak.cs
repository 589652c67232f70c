namespace LeakyApp;

/// <summary>A cache that only grows: every request adds an entry to a static dictionary, nothing evicts.</summary>
internal sealed class StaticCacheLeak : IWorkload
{
    public static readonly Dictionary<string, byte[]> Cache = new();

    private readonly CleanWorkload _transient = new();
    private int _next;

    public void Grow(int count, int bytes)
    {
        _transient.Grow(count, 256);
        for (var i = 0; i < count; i++) Cache["request-" + _next++] = new byte[bytes];
    }

    public void Drop() => _transient.Drop();
}
