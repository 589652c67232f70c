using global::LoadLeak.Guard;

namespace LoadLeak.Tests.LoadLeak.Guard;

public sealed class MemoryGuardRuleTests
{
    private const double Mb = 1024 * 1024;

    [Fact]
    public void Rss_above_the_ceiling_stops_at_once()
    {
        var rule = new MemoryGuardRule(300 * Mb, 1000 * Mb, plannedEnd: 100, TimeSpan.FromMinutes(5));
        Assert.Null(rule.Evaluate(1, 299 * Mb));
        Assert.Contains("passed the guard's ceiling 300.0 MiB", rule.Evaluate(2, 301 * Mb), StringComparison.Ordinal);
    }

    [Fact]
    public void Flat_memory_far_below_the_limit_never_stops()
    {
        var rule = new MemoryGuardRule(800 * Mb, 1000 * Mb, plannedEnd: 3600, TimeSpan.FromMinutes(5));
        for (var t = 1; t <= 600; t++) Assert.Null(rule.Evaluate(t, (200 + t % 3) * Mb));
    }

    [Fact]
    public void Growth_that_would_exhaust_memory_before_the_end_stops_once_the_forecast_is_within_twice_what_was_seen()
    {
        // 2 MB/s from 100 MB toward a 1000 MB limit: runs out at t = 450, long before the planned end at 3600 s.
        var rule = new MemoryGuardRule(800 * Mb, 1000 * Mb, plannedEnd: 3600, TimeSpan.FromSeconds(60));
        string? reason = null;
        var t = 0;
        while (reason is null && t < 400) reason = rule.Evaluate(++t, (100 + 2 * t) * Mb);
        Assert.NotNull(reason);
        // Time left (450 - t) is within twice the span seen (t - 1) from t = 151; then 5 readings in a row; the ceiling is at t = 350.
        Assert.Equal(150 + MemoryGuardRule.ConsecutiveReadings, t);
        Assert.Contains("grows 2.0 MB/s", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Growth_that_ends_after_the_run_plus_the_margin_does_not_stop()
    {
        // 1 MB/s from 100 MB toward 1000 MB: ~900 s to run out; the run ends at 120 s, margin 60 s.
        var rule = new MemoryGuardRule(950 * Mb, 1000 * Mb, plannedEnd: 120, TimeSpan.FromSeconds(60));
        for (var t = 1; t <= 120; t++) Assert.Null(rule.Evaluate(t, (100 + t) * Mb));
    }

    [Fact]
    public void A_warm_up_ramp_that_flattens_is_not_extrapolated_to_the_end_of_a_long_soak()
    {
        var rule = new MemoryGuardRule(19_000 * Mb, 24_000 * Mb, plannedEnd: 3600, TimeSpan.FromMinutes(5));
        for (var t = 1; t <= 600; t++)
        {
            var rss = t <= 32 ? 100 + 10 * t : 420; // a 10 MB/s warm-up for 32 s, then flat
            Assert.Null(rule.Evaluate(t, rss * Mb));
        }
    }
}
