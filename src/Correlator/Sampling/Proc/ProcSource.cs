namespace LoadLeak.Correlator.Sampling.Proc;

/// <summary>
/// Polls /proc/&lt;pid&gt; once per interval: RSS, OS threads, open fds, CPU seconds. Ends by itself
/// when the process is gone, so it also serves as the exit detector for non-.NET targets.
/// </summary>
internal sealed class ProcSource(int pid, Func<double> now, TimeSpan interval) : ICounterSource
{
    /// <summary>Reads land mid-interval on the run clock, so scheduling jitter never pushes two into one second.</summary>
    private const double Phase = 0.5;

    public string Name => "proc";

    public async Task RunAsync(IMeasurementSink sink, CancellationToken ct)
    {
        var step = interval.TotalSeconds;
        while (true)
        {
            var snapshot = ProcReader.TryRead(pid);
            if (snapshot is null || snapshot.State is 'Z' or 'X') return;
            Emit(sink, now(), snapshot);

            var t = now();
            var next = (Math.Floor((t - Phase * step) / step) + 1) * step + Phase * step;
            if (next - t < step / 4) next += step;
            await Task.Delay(TimeSpan.FromSeconds(next - t), ct).ConfigureAwait(false);
        }
    }

    private static void Emit(IMeasurementSink sink, double t, ProcSnapshot s)
    {
        if (s.RssBytes is { } rss) sink.Add(new Measurement(t, MetricNames.Rss, rss));
        if (s.Threads is { } threads) sink.Add(new Measurement(t, MetricNames.OsThreads, threads));
        if (s.Fds is { } fds) sink.Add(new Measurement(t, MetricNames.Fds, fds));
        if (s.CpuSeconds is { } cpu) sink.Add(new Measurement(t, MetricNames.CpuSeconds, cpu));
    }
}
