namespace LoadLeak.Correlator.Sampling;

/// <summary>Runs several sources side by side into the same sink.</summary>
internal sealed class CompositeCounterSource(IReadOnlyList<ICounterSource> sources) : ICounterSource
{
    public IReadOnlyList<ICounterSource> Sources { get; } = sources;

    public string Name => string.Join("+", Sources.Select(s => s.Name));

    public Task RunAsync(IMeasurementSink sink, CancellationToken ct) =>
        Task.WhenAll(Sources.Select(s => RunOneAsync(s, sink, ct)));

    private static async Task RunOneAsync(ICounterSource source, IMeasurementSink sink, CancellationToken ct)
    {
        try
        {
            await source.RunAsync(sink, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // One broken source must not take the others down with it.
            sink.AddNote($"counter source {source.Name} failed: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
