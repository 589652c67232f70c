using LoadLeak.Correlator;
using LoadLeak.Correlator.Analysis;
using LoadLeak.Engine.Running;
using LoadLeak.Results;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Correlator;

/// <summary>Samples a real child for ~16 s and judges it: a steadily growing heap is a leak, a bounded one is not.</summary>
public sealed class LeakVerdictEndToEndTests(ITestOutputHelper output)
{
    private static readonly LeakOptions ShortRun = LeakOptions.Default with { MinSamples = 10, MinBlockSeconds = 1 };

    [Fact]
    public async Task A_child_that_keeps_growing_is_judged_a_leak()
    {
        // 1 MB kept every 100 ms: ~10 MB/s of retained heap.
        var result = await SampleAndJudge(holdMb: 400, stepMs: 100);
        var heap = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap);
        Assert.True(heap.IsLeak, heap.Summary);
        Assert.Equal(LeakVerdict.Leak, result.Leak.Verdict);
        Assert.InRange(heap.Slope, 4e6, 20e6);
    }

    [Fact]
    public async Task A_child_with_a_bounded_heap_is_not_a_leak()
    {
        // Holds 16 MB within the first second, then only churns garbage.
        var result = await SampleAndJudge(holdMb: 16, stepMs: 20);
        var heap = Assert.Single(result.Leak.Findings, f => f.Resource == LeakResource.Heap);
        Assert.False(heap.IsLeak, heap.Summary);
        Assert.Equal(LeakVerdict.NoLeak, result.Leak.Verdict);
    }

    private async Task<AnalysisResult> SampleAndJudge(int holdMb, int stepMs)
    {
        var child = new LeakyChild();
        _ = child.DllPath;
        var process = child.Start(holdMb, stepMs);
        try
        {
            var clock = new RunClock();
            await using var correlator = await TargetCorrelator.StartAsync(process.Id, clock, new CorrelatorOptions(), CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(3));
            await correlator.MeasureRetainedAsync("warmup", "warm-up end", CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(13));
            await correlator.MeasureRetainedAsync("load", "end of load", CancellationToken.None);
            var end = clock.Seconds;
            var sampled = await correlator.StopAsync();

            PhaseRecord[] phases =
            [
                new("warmup", "probe", PhaseKind.WarmUp, 0, 3, "keep-constant", 1, null),
                new("load", "probe", PhaseKind.Load, 3, end, "keep-constant", 1, null),
            ];
            var intervals = Enumerable.Range(1, (int)end)
                .Select(t => new IntervalRow(t, "probe", t <= 3 ? "warmup" : "load", 10, 0, 10, 0, 0, 0, 1, 10, 0, 0))
                .ToList();
            var result = LeakAnalyzer.Analyze(new AnalysisInput(phases, intervals, sampled.Samples, sampled.Retained, ShortRun));
            foreach (var f in result.Leak.Findings) output.WriteLine(f.Summary);
            foreach (var n in result.Leak.Notes.Concat(sampled.Notes)) output.WriteLine("note: " + n);
            output.WriteLine($"samples {sampled.Samples.Count}, with timers {sampled.Samples.Count(s => s.Timers is not null)}, with post-GC heap " +
                $"{sampled.Samples.Count(s => s.PostGcHeapBytes is not null)}");
            foreach (var r in sampled.Retained) output.WriteLine($"retained {r.T:0.0} s: {r.HeapBytes / 1e6:0.0} MB ({r.Reason})");
            return result;
        }
        finally
        {
            LeakyChild.Kill(process);
        }
    }
}
