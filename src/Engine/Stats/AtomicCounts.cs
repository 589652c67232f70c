using LoadLeak.Engine.Api;

namespace LoadLeak.Engine.Stats;

/// <summary>Counters that iterations add to concurrently without a lock; a reader takes a consistent-enough snapshot.</summary>
internal sealed class AtomicCounts
{
    private long _ok, _fail, _bytes, _late, _dropped;

    public long Fail => Interlocked.Read(ref _fail);

    public void Count(Response response, long count)
    {
        if (response.IsOk) Interlocked.Add(ref _ok, count);
        else Interlocked.Add(ref _fail, count);
        if (response.SizeBytes > 0) Interlocked.Add(ref _bytes, response.SizeBytes);
    }

    public void AddLate() => Interlocked.Increment(ref _late);

    public void AddDropped(long count) => Interlocked.Add(ref _dropped, count);

    public PhaseCounts Read() => new(
        Interlocked.Read(ref _ok), Interlocked.Read(ref _fail), Interlocked.Read(ref _bytes),
        Interlocked.Read(ref _late), Interlocked.Read(ref _dropped));
}
