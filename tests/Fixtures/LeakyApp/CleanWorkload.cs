namespace LeakyApp;

/// <summary>Holds request buffers only while "under load"; nothing survives the cool-down.</summary>
internal sealed class CleanWorkload : IWorkload
{
    private readonly List<byte[]> _inFlight = [];

    public void Grow(int count, int bytes)
    {
        for (var i = 0; i < count; i++) _inFlight.Add(new byte[bytes]);
    }

    public void Drop()
    {
        _inFlight.Clear();
        _inFlight.TrimExcess();
    }
}
