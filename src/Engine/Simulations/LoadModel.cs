namespace LoadLeak.Engine.Simulations;

/// <summary>
/// How a simulation drives load. Closed: a number of copies loop as fast as they can. Open: iterations are
/// injected at a rate, whether or not earlier ones have finished. Pause: neither; it goes with both.
/// </summary>
public enum LoadModel
{
    Closed,
    Open,
    Pause,
}
