using LoadLeak.Correlator;
using LoadLeak.Engine.Running;

namespace LoadLeak.Tests.Correlator;

/// <summary>
/// Issue 15: a target sampled through its URLs (Go pprof/expvar, Prometheus) gets one console line at the run's start
/// naming every source used; the same text is the run's note.
/// </summary>
public sealed class TargetCorrelatorSourcesTests
{
    // Nothing listens on port 1: the sources only need their URLs to describe themselves.
    private static readonly Uri Pprof = new("http://127.0.0.1:1/debug/pprof");
    private static readonly Uri Metrics = new("http://127.0.0.1:1/metrics");

    [Fact]
    public async Task A_remote_Go_target_names_pprof_and_Prometheus()
    {
        var options = new CorrelatorOptions { Pprof = Pprof, PprofDetected = true, Metrics = Metrics };
        await using var sampler = await TargetCorrelator.StartRemoteAsync(new RunClock(), options, CancellationToken.None);

        const string expected = "sources: goroutines and Go heap from pprof (http://127.0.0.1:1/debug/pprof/, found on the launched " +
            "target's port); other figures from Prometheus (http://127.0.0.1:1/metrics)";
        Assert.Equal(expected, ((ITargetSampler)sampler).SourcesLine);
        Assert.Contains(expected, (await sampler.StopAsync()).Notes);
    }

    [Fact]
    public async Task A_local_process_read_through_Prometheus_names_it_beside_proc()
    {
        var options = new CorrelatorOptions { UseEventPipe = false, Metrics = Metrics };
        await using var sampler = await TargetCorrelator.StartAsync(Environment.ProcessId, new RunClock(), options, CancellationToken.None);

        Assert.Equal("sources: figures from Prometheus (http://127.0.0.1:1/metrics); RSS, OS threads, fds and CPU from /proc",
            sampler.SourcesLine);
    }

    [Fact]
    public async Task Without_a_URL_source_there_is_no_sources_line()
    {
        var options = new CorrelatorOptions { UseEventPipe = false };
        await using var sampler = await TargetCorrelator.StartAsync(Environment.ProcessId, new RunClock(), options, CancellationToken.None);

        Assert.Null(sampler.SourcesLine);
    }
}
