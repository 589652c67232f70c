using System.Collections.Concurrent;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;
using LoadLeak.Tests.Engine.VirtualTime;
using static LoadLeak.Tests.Engine.EngineHarness;

namespace LoadLeak.Tests.Engine;

/// <summary>Issue 17 item 3: rows belong to the phase their work started in; no Pause carries the load before it.</summary>
[Collection(EngineRuns.Collection)]
public class PhaseBoundaryTests
{
    [Fact]
    public async Task Closed_model_rows_split_at_boundaries_and_iterations_count_in_the_phase_they_started_in()
    {
        var clock = new VirtualClock();
        var observer = new RecordingObserver();
        var starts = new ConcurrentBag<double>();
        // 300 ms iterations: the ones started at 1.2 s end at 1.5 s, inside the pause that begins at 1.3 s.
        var scenario = Scenario.Create("boundary", async ctx =>
            {
                starts.Add(clock.Seconds);
                await clock.DelayMs(300, ctx.CancellationToken);
                return Response.Ok(sizeBytes: 1);
            })
            .WithLoadSimulations(
                new KeepConstant(4, TimeSpan.FromSeconds(1.3)), new Pause(TimeSpan.FromSeconds(0.7)), new KeepConstant(4, TimeSpan.FromSeconds(1)));

        var result = await RunVirtualAsync(clock, Settings(0.5, scenario), observer);

        var (load, pause, reload) = (result.Phases[0], result.Phases[1], result.Phases[2]);
        Assert.Equal([0, 1.3, 2, 3], result.Phases.Select(p => p.Start).Append(reload.End));
        Assert.All(result.Intervals, row => Assert.Equal(PhaseOf(result, row).Name, row.Phase));
        // A boundary gives both phases a short row: T is the end of the span the row covers.
        Assert.Equal([0.5, 1, 1.3], Rows(result, load).Select(r => r.T));
        Assert.Equal([1.5, 2], Rows(result, pause).Select(r => r.T));
        Assert.Equal([2.5, 3], Rows(result, reload).Select(r => r.T));

        Assert.Equal(20, starts.Count(t => t < 1.3));
        Assert.Equal(0, starts.Count(t => t is >= 1.3 and < 2));
        Assert.Equal(Rows(result, load).Sum(r => r.Ok), starts.Count(t => t < 1.3));
        Assert.Equal(Rows(result, reload).Sum(r => r.Ok), starts.Count(t => t >= 2));
        Assert.All(Rows(result, pause), r => Assert.Equal((0L, 0L, 0L), (r.Ok, r.Fail, r.BytesReceived)));

        // The load phase's last row (0.3 s long) holds the 8 iterations that ended at 1.2 s and at 1.5 s.
        var last = Rows(result, load)[^1];
        Assert.Equal(8, last.Ok);
        Assert.Equal(8 / 0.3, last.Rps, 6);
        Assert.Equal(4, last.Concurrency);
        Assert.Equal(0, Rows(result, pause)[^1].Concurrency);
        Assert.Equal(result.Scenarios[0].Ok, result.Intervals.Sum(r => r.Ok));
    }

    [Fact]
    public async Task Open_model_iterations_belong_to_the_phase_that_scheduled_them_even_when_they_end_in_the_next()
    {
        var clock = new VirtualClock();
        var scenario = Scenario.Create("slow", async ctx =>
            {
                await clock.DelayMs(250, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithLoadSimulations(new Inject(10, Second, Second), new Pause(Second), new Inject(10, Second, Second));

        var result = await RunVirtualAsync(clock, Settings(1, scenario));

        Assert.Equal(["1 Inject(10, 00:00:01, 00:00:01)", "2 Pause(00:00:01)", "3 Inject(10, 00:00:01, 00:00:01)"],
            result.Intervals.Select(r => r.Phase));
        Assert.Equal([1.0, 2.0, 3.0], result.Intervals.Select(r => r.T));
        Assert.Equal([10, 0, 10], result.Intervals.Select(r => r.Ok));
        Assert.All(result.Intervals, r => Assert.Equal(PhaseOf(result, r).Name, r.Phase));
    }

    [Fact]
    public async Task On_the_system_clock_too_a_pause_carries_no_requests()
    {
        // Not a timing test: that a Pause owes nothing holds however late the engine's ticks and timers come.
        var scenario = Scenario.Create("boundary", async ctx =>
            {
                await Task.Delay(300, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithLoadSimulations(
                new KeepConstant(4, TimeSpan.FromSeconds(1.3)), new Pause(TimeSpan.FromSeconds(0.7)), new KeepConstant(4, TimeSpan.FromSeconds(1)));

        var result = await RunAsync(Settings(0.5, scenario));

        var pause = result.Phases[1];
        Assert.All(result.Intervals.Where(r => r.Phase == pause.Name), r => Assert.Equal((0L, 0L), (r.Ok, r.Fail)));
        Assert.All(result.Intervals, r => Assert.Equal(PhaseOf(result, r).Name, r.Phase));
        Assert.Equal(result.Scenarios[0].Ok, result.Intervals.Sum(r => r.Ok));
    }

    private static List<IntervalRow> Rows(EngineResult result, PhaseRecord phase) =>
        result.Intervals.Where(r => r.Phase == phase.Name).ToList();
}
