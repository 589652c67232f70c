namespace TargetService.Leaks;

/// <summary>Not a leak: big short-lived allocations that the GC reclaims, a sawtooth with a flat baseline.</summary>
public sealed class SawtoothAllocation : EveryPathLeak
{
    private const int Bytes = 4 * 1024 * 1024;
    private long _checksum;

    public override string Name => "sawtooth";

    protected override void OnRequest(long requestNumber)
    {
        if (requestNumber % 100 != 0) return;
        var scratch = new byte[Bytes];
        Array.Fill(scratch, (byte)requestNumber);
        Interlocked.Add(ref _checksum, scratch[^1]);
    }
}
