using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Tests.Engine.VirtualTime;
using static LoadLeak.Tests.Engine.EngineHarness;

namespace LoadLeak.Tests.Engine;

/// <summary>
/// Coordinated omission, as wrk2 corrects it: the target stalls for 1 s every 5 s. Latency measured
/// from each iteration's intended start must show the stall; latency from the actual start hides it
/// when the generator could not start iterations on time (small in-flight cap).
/// </summary>
[Collection(EngineRuns.Collection)]
public class CorrectedLatencyTests
{
    private static ScenarioProps StallingScenario(VirtualClock clock)
    {
        var stall = new PeriodicStall(clock, every: 5, from: 2, length: 1);
        return Scenario.Create("stall", async ctx =>
        {
            if (stall.Remaining() is var wait && wait > TimeSpan.Zero) await clock.Delay(wait, ctx.CancellationToken);
            return Response.Ok();
        }).WithLoadSimulations(new Inject(100, Second, TimeSpan.FromSeconds(5.5)));
    }

    /// <summary>The target stalls for <c>length</c> seconds once per <c>every</c> seconds, from the first call in [from, from + length).</summary>
    private sealed class PeriodicStall(VirtualClock clock, double every, double from, double length)
    {
        private readonly Lock _gate = new();
        private double _until = double.NegativeInfinity;

        public TimeSpan Remaining()
        {
            var now = clock.Seconds;
            lock (_gate)
            {
                if (now < _until) return TimeSpan.FromSeconds(_until - now);
                var phase = now % every;
                if (phase < from || phase >= from + length) return TimeSpan.Zero;
                _until = now + length;
                return TimeSpan.FromSeconds(length);
            }
        }
    }

    [Fact]
    public async Task With_a_small_in_flight_cap_the_stall_shows_only_in_corrected_latency()
    {
        var clock = new VirtualClock();
        var settings = Settings(1, StallingScenario(clock)) with { MaxInFlight = 2 };
        var stats = (await RunVirtualAsync(clock, settings)).Scenarios[0];

        // The two iterations caught in the stall hold both slots from 2.0 s to 3.0 s; the 98 due meanwhile start at 3.0 s.
        Assert.True(stats.Latency.P99 >= 900, $"corrected p99 {stats.Latency.P99} ms should show the 1 s stall");
        Assert.True(stats.LatencyUncorrected.P99 < 100, $"uncorrected p99 {stats.LatencyUncorrected.P99} ms hides it");
        Assert.InRange(stats.LatencyUncorrected.Max, 999, 1001);
        Assert.Equal(96, stats.Late); // those more than 20 ms behind their intended start
        Assert.Equal((550, 0), (stats.Ok, stats.Dropped));
    }

    [Fact]
    public async Task Without_a_cap_iterations_start_on_time_and_both_latencies_see_the_stall()
    {
        var clock = new VirtualClock();
        var stats = (await RunVirtualAsync(clock, Settings(1, StallingScenario(clock)))).Scenarios[0];

        Assert.True(stats.Latency.P99 >= 900, $"corrected p99 {stats.Latency.P99} ms");
        // Nothing was omitted: iterations started on time, so the uncorrected figure is the corrected one.
        Assert.Equal(stats.Latency, stats.LatencyUncorrected);
        Assert.Equal(0, stats.Late);
    }

    [Fact]
    public async Task Custom_latency_overrides_the_measured_one_and_keeps_the_schedule_delay_in_the_corrected_one()
    {
        var clock = new VirtualClock();
        var scenario = Scenario.Create("custom", _ => Task.FromResult(Response.Ok(customLatencyMs: 42)))
            .WithLoadSimulations(new Inject(50, Second, TimeSpan.FromSeconds(1)));
        var stats = (await RunVirtualAsync(clock, Settings(0.25, scenario))).Scenarios[0];

        Assert.InRange(stats.LatencyUncorrected.P50, 41.9, 42.1);
        Assert.InRange(stats.LatencyUncorrected.Max, 41.9, 42.1);
        Assert.True(stats.Latency.P50 >= 41.9);
    }
}
