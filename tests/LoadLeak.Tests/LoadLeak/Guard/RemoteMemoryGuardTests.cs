using global::LoadLeak.Cluster.Protocol;
using global::LoadLeak.Cluster.Running;
using global::LoadLeak.Correlator;
using global::LoadLeak.Correlator.Sampling;
using global::LoadLeak.Engine.Config;
using global::LoadLeak.Engine.Running;
using global::LoadLeak.Guard;
using global::LoadLeak.Results;
using global::LoadLeak.Sessions;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.LoadLeak.Guard;

/// <summary>The memory guard of a cluster run: the probe's RSS against the limit the probe read on the target's host.</summary>
public sealed class RemoteMemoryGuardTests
{
    private const double Mb = 1024 * 1024;

    [Fact]
    public void The_probes_rss_past_80_percent_of_the_limit_it_reported_stops_the_load_as_guarded()
    {
        var watch = Watch(GuardOptions.Default, Ready(limitBytes: 100 * Mb, "cgroup limit (/sys/fs/cgroup/t/memory.max)"));

        Assert.NotNull(watch.Guard);
        Assert.Contains(watch.Console.Lines, l => l.Contains("passes 80.0 MiB (80 % of 100.0 MiB, cgroup limit " +
            "(/sys/fs/cgroup/t/memory.max) on target-host)", StringComparison.Ordinal));
        watch.Sampler.Read(new Measurement(1, MetricNames.Rss, 79 * Mb));
        watch.Sampler.Read(new Measurement(1, MetricNames.GcHeapSize, 500 * Mb));
        Assert.False(watch.Guard!.Tripped);
        Assert.False(watch.Load.IsCancellationRequested);

        watch.Sampler.Read(new Measurement(2, MetricNames.Rss, 81 * Mb));

        Assert.True(watch.Guard.Tripped);
        Assert.True(watch.Load.IsCancellationRequested);
        Assert.True(watch.Timeline.Has(EventKind.Guarded));
    }

    [Fact]
    public void An_absolute_ceiling_needs_no_reported_limit()
    {
        var watch = Watch(GuardOptions.Default with { MaxTargetBytes = (long)(20 * Mb) }, Ready(limitBytes: null, null));

        watch.Sampler.Read(new Measurement(1, MetricNames.Rss, 21 * Mb));

        Assert.True(watch.Guard!.Tripped);
    }

    [Fact]
    public void Without_a_reported_limit_or_a_ceiling_the_guard_is_off_and_says_why()
    {
        var watch = Watch(GuardOptions.Default, Ready(limitBytes: null, null));

        Assert.Null(watch.Guard);
        Assert.False(watch.Sampler.Subscribed);
        Assert.Contains(watch.Console.Lines, l => l.Contains("the probe did not report its host's memory limit", StringComparison.Ordinal) &&
                                                  l.Contains("LoadLeak.Guard.MaxTargetMemory", StringComparison.Ordinal));
    }

    [Fact]
    public void No_guard_turns_it_off()
    {
        var watch = Watch(GuardOptions.Default with { Enabled = false }, Ready(limitBytes: 100 * Mb, "machine memory"));

        Assert.Null(watch.Guard);
        Assert.False(watch.Sampler.Subscribed);
    }

    [Fact]
    public void A_probe_sample_becomes_an_rss_reading_on_the_sessions_clock()
    {
        var reading = ClusterSampler.RssReading(new TargetSample { T = 3, RssBytes = 42 * Mb }, shift: 1.5);

        Assert.Equal(new Measurement(4.5, MetricNames.Rss, 42 * Mb), reading);
        Assert.Null(ClusterSampler.RssReading(new TargetSample { T = 3 }, shift: 1.5));
    }

    private static ProbeReady Ready(double? limitBytes, string? source) =>
        new(true, 4242, "dotnet app.dll", 0.5, null) { MemoryLimitBytes = limitBytes, MemoryLimitSource = source };

    private static Watched Watch(GuardOptions guard, ProbeReady ready)
    {
        var plan = new RunPlan
        {
            RunId = "test",
            OutDir = Path.GetTempPath(),
            ConfigPath = "config.json",
            Config = new NBomberConfig { SourceName = "config.json" },
            Target = new TargetSpec.Attach(4242),
            Options = RunOptions.Default with { Guard = guard },
        };
        var console = new RecordingUserConsole();
        var sampler = new CapturingSampler();
        var timeline = new TimelineEvents();
        var load = new CancellationTokenSource();
        var settings = new EngineSettings([], TimeSpan.FromSeconds(1), Sequential: false);
        var memoryGuard = MemoryGuard.Watch(plan, new RemoteTarget(ready, "probe-1", "target-host"), sampler, settings, new RunClock(),
            timeline, load, console);
        return new Watched(memoryGuard, sampler, timeline, load, console);
    }

    private sealed record Watched(MemoryGuard? Guard, CapturingSampler Sampler, TimelineEvents Timeline, CancellationTokenSource Load,
        RecordingUserConsole Console);

    /// <summary>A sampler whose readings the test hands in, as the cluster's sampler hands in the probe's.</summary>
    private sealed class CapturingSampler : ITargetSampler
    {
        private Action<Measurement>? _onReading;

        public bool Subscribed => _onReading is not null;
        public bool IsDotNet => true;
        public TargetSample? Latest => null;
        public IReadOnlyList<TimelineEvent> EventsSoFar => [];

        public void Read(Measurement reading) => _onReading?.Invoke(reading);

        public bool OnReading(Action<Measurement> onReading)
        {
            _onReading += onReading;
            return true;
        }

        public Task<RetainedMark?> MeasureRetainedAsync(string phase, string reason, CancellationToken ct) => Task.FromResult<RetainedMark?>(null);
        public Task<CorrelatorResult> StopAsync() => Task.FromResult(new CorrelatorResult([], [], [], [], true));
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
