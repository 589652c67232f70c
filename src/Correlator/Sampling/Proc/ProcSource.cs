namespace LoadLeak.Correlator.Sampling.Proc;

/// <summary>
/// Polls /proc/&lt;pid&gt; once per interval: RSS, OS threads, open fds, CPU seconds. Ends by itself
/// when the process is gone, so it also serves as the exit detector for non-.NET targets.
/// </summary>
public sealed class ProcSource(int pid, Func<double> now, TimeSpan interval) : ICounterSource
{
    public string Name => "proc";

    public async Task RunAsync(IMeasurementSink sink, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            var snapshot = ProcReader.TryRead(pid);
            if (snapshot is null || snapshot.State is 'Z' or 'X') return;
            Emit(sink, now(), snapshot);
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }

    private static void Emit(IMeasurementSink sink, double t, ProcSnapshot s)
    {
        if (s.RssBytes is { } rss) sink.Add(new Measurement(t, MetricNames.Rss, rss));
        if (s.Threads is { } threads) sink.Add(new Measurement(t, MetricNames.OsThreads, threads));
        if (s.Fds is { } fds) sink.Add(new Measurement(t, MetricNames.Fds, fds));
        if (s.CpuSeconds is { } cpu) sink.Add(new Measurement(t, MetricNames.CpuSeconds, cpu));
    }
}
