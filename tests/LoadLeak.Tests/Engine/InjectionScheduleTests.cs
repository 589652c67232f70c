using LoadLeak.Engine.Schedules;
using LoadLeak.Engine.Simulations;

namespace LoadLeak.Tests.Engine;

public class InjectionScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Inject_spreads_its_rate_evenly_inside_each_interval()
    {
        var schedule = InjectionSchedule.For(new Inject(100, Second, TimeSpan.FromSeconds(2)), 0, seed: 1);
        var starts = schedule.StartOffsets().ToList();
        Assert.Equal(200, starts.Count);
        Assert.Equal(0, starts[0], 9);
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.Equal(0.01, pair.Second - pair.First, 6));
        Assert.Equal(100, schedule.StartsBetween(0.5, 1.5).Count);
        Assert.Equal(100, schedule.TargetRatePerSecond, 9);
    }

    [Fact]
    public void Inject_with_a_longer_interval_is_not_a_burst()
    {
        var schedule = InjectionSchedule.For(new Inject(10, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)), 0, seed: 1);
        var starts = schedule.StartOffsets().ToList();
        Assert.Equal(20, starts.Count);
        Assert.Equal(0.5, starts[1] - starts[0], 9);
        Assert.Equal(2, schedule.RatePerSecondAt(7), 9);
    }

    [Fact]
    public void Fractional_rates_carry_over_between_intervals()
    {
        var schedule = InjectionSchedule.For(new RampingInject(1, Second, TimeSpan.FromSeconds(4)), 0, seed: 1);
        // Rates per interval 0.25, 0.5, 0.75, 1 → 2.5 iterations over the segment, so 3 starts (0 counts).
        var starts = schedule.StartOffsets().ToList();
        Assert.Equal(3, starts.Count);
        Assert.True(starts.SequenceEqual(starts.Order()));
    }

    [Fact]
    public void RampingInject_ramps_the_rate_linearly_from_the_previous_rate()
    {
        var schedule = InjectionSchedule.For(new RampingInject(100, Second, TimeSpan.FromSeconds(10)), previousRatePerSecond: 0, seed: 1);
        Assert.Equal(10, schedule.StartsBetween(0, 1).Count);
        Assert.Equal(50, schedule.StartsBetween(4, 5).Count);
        Assert.Equal(100, schedule.StartsBetween(9, 10).Count);
        Assert.Equal(550, schedule.StartOffsets().Count());

        var down = InjectionSchedule.For(new RampingInject(0, Second, TimeSpan.FromSeconds(4)), previousRatePerSecond: 40, seed: 1);
        Assert.Equal(30, down.StartsBetween(0, 1).Count);
        Assert.Empty(down.StartsBetween(3, 4));
        Assert.Equal(0, down.EndRatePerSecond);
    }

    [Fact]
    public void InjectRandom_picks_each_interval_rate_inside_the_range_and_is_reproducible()
    {
        var simulation = new InjectRandom(5, 15, Second, TimeSpan.FromSeconds(50));
        var schedule = InjectionSchedule.For(simulation, 0, seed: 42);
        var perInterval = Enumerable.Range(0, 50).Select(i => schedule.StartsBetween(i, i + 1).Count).ToList();
        Assert.All(perInterval, n => Assert.InRange(n, 5, 15));
        Assert.True(perInterval.Distinct().Count() > 3, "rates should vary between intervals");
        Assert.Equal(perInterval, Enumerable.Range(0, 50).Select(i => (int)InjectionSchedule.For(simulation, 0, 42).RatePerIntervalAt(i)));
        Assert.Equal(10, schedule.TargetRatePerSecond, 9);
    }

    [Fact]
    public void IterationsForInject_stops_after_exactly_its_iterations()
    {
        var schedule = InjectionSchedule.For(new IterationsForInject(20, Second, 45), 0, seed: 1);
        var starts = schedule.StartOffsets().ToList();
        Assert.Equal(45, starts.Count);
        Assert.Equal(44 / 20.0, starts[^1], 9);
        Assert.Null(schedule.Duration);
    }

    [Fact]
    public void Partial_last_interval_gets_its_share()
    {
        var schedule = InjectionSchedule.For(new Inject(10, Second, TimeSpan.FromSeconds(2.5)), 0, seed: 1);
        Assert.Equal(25, schedule.StartOffsets().Count());
        Assert.All(schedule.StartOffsets(), t => Assert.InRange(t, 0, 2.5));
    }

    [Fact]
    public void Pause_injects_nothing()
    {
        var schedule = InjectionSchedule.For(new Pause(TimeSpan.FromSeconds(3)), 50, seed: 1);
        Assert.Empty(schedule.StartOffsets());
        Assert.Equal(TimeSpan.FromSeconds(3), schedule.Duration);
    }
}
