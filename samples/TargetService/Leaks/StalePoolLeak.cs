namespace TargetService.Leaks;

/// <summary>
/// A buffer pool that never hands a returned buffer out again (it considers them "dirty") but keeps a
/// reference to each one "for later cleanup", which never happens.
/// </summary>
public sealed class StalePoolLeak : EveryPathLeak
{
    private const int BufferBytes = 64 * 1024;
    private static readonly List<byte[]> DirtyBuffers = [];

    public override string Name => "stale-pool";

    protected override void OnRequest(long requestNumber)
    {
        if (requestNumber % 32 != 0) return;
        var buffer = Rent();
        buffer[0] = 1;
        Return(buffer);
    }

    private static byte[] Rent() => new byte[BufferBytes];

    private static void Return(byte[] buffer)
    {
        lock (DirtyBuffers) DirtyBuffers.Add(buffer);
    }
}
