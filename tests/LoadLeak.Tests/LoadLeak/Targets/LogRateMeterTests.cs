using global::LoadLeak.Targets;

namespace LoadLeak.Tests.LoadLeak.Targets;

public sealed class LogRateMeterTests
{
    private sealed class SteppedTime : TimeProvider
    {
        public long Now { get; set; }
        public override long TimestampFrequency => 1000;
        public override long GetTimestamp() => Now;
    }

    [Fact]
    public void Writing_under_the_threshold_for_many_seconds_never_warns()
    {
        var time = new SteppedTime();
        var meter = new LogRateMeter(1000, time);
        for (var ms = 0; ms < 10_000; ms += 100)
        {
            time.Now = ms;
            meter.Add(90); // 900 bytes/s
        }
        Assert.Null(meter.ExceededAt);
    }

    [Fact]
    public void More_than_the_threshold_within_one_second_warns_once_with_the_rate()
    {
        var time = new SteppedTime();
        var heard = new List<double>();
        var meter = new LogRateMeter(1000, time) { Exceeded = heard.Add };
        for (var ms = 0; ms < 3000; ms += 100)
        {
            time.Now = ms;
            meter.Add(150); // 1500 bytes/s
        }
        var rate = Assert.Single(heard);
        Assert.True(rate > 1000, $"rate {rate}");
        Assert.Equal(rate, meter.ExceededAt);
    }

    [Fact]
    public void A_burst_spread_over_a_slow_window_is_judged_by_its_rate()
    {
        var time = new SteppedTime();
        var meter = new LogRateMeter(1000, time);
        meter.Add(900);
        time.Now = 1900; // 1.9 s later: 1800 bytes over 1.9 s is under 1000 bytes/s
        meter.Add(900);
        Assert.Null(meter.ExceededAt);
    }
}
