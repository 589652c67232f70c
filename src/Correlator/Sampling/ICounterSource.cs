namespace LoadLeak.Correlator.Sampling;

/// <summary>
/// A producer of target readings. <see cref="RunAsync"/> delivers into the sink until the token is
/// cancelled or the source ends by itself (session closed, target gone); it never throws for
/// target-side trouble, it reports it as an event or note instead.
/// </summary>
public interface ICounterSource
{
    string Name { get; }

    Task RunAsync(IMeasurementSink sink, CancellationToken ct);
}
