namespace TargetService.Leaks;

/// <summary>Not a leak: a one-step jump (64 MB, e.g. a lookup table) on the first request, then flat.</summary>
public sealed class OneTimeAllocation : EveryPathLeak
{
    private const int Bytes = 64 * 1024 * 1024;
    private byte[]? _table;

    public override string Name => "one-time";

    protected override void OnRequest(long requestNumber)
    {
        if (Volatile.Read(ref _table) is not null) return;
        var table = new byte[Bytes];
        Array.Fill(table, (byte)1); // touch the pages so RSS shows it, not only the GC heap
        Interlocked.CompareExchange(ref _table, table, null);
    }
}
