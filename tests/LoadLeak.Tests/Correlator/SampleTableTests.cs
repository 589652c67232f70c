using LoadLeak.Correlator.Sampling;
using LoadLeak.Results;

namespace LoadLeak.Tests.Correlator;

public class SampleTableTests
{
    [Fact]
    public void Folds_levels_and_rates_per_second_and_leaves_gaps_null()
    {
        var table = new SampleTable();
        table.Add(new(0.5, MetricNames.Rss, 100));
        table.Add(new(0.5, MetricNames.CpuSeconds, 10));
        table.Add(new(0.9, MetricNames.Rss, 110));
        table.Add(new(1.5, MetricNames.CpuSeconds, 10.5));
        table.Add(new(1.5, MetricNames.OsThreads, 9));
        table.Add(new(1.6, MetricNames.ThreadPoolThreads, 4));
        table.Add(new(3.5, MetricNames.Rss, 120));

        var rows = table.Build();
        Assert.Equal([1.0, 2, 3, 4], rows.Select(r => r.T));
        Assert.Equal(110, rows[0].RssBytes);
        Assert.Null(rows[0].Cpu);
        Assert.Equal(0.5, rows[1].Cpu!.Value, 9);
        Assert.Equal(4, rows[1].Threads);
        Assert.Equal(4, rows[1].ThreadPoolThreads);
        Assert.Equal(9, rows[1].OsThreads);
        Assert.Null(rows[1].RssBytes);
        Assert.Equal(new TargetSample { T = 3 }, rows[2]);
        Assert.Equal(120, rows[3].RssBytes);
    }

    [Fact]
    public void Threads_are_os_threads_when_the_target_has_no_pool_counter_and_a_reset_total_gives_no_rate()
    {
        var table = new SampleTable();
        table.Add(new(0.2, MetricNames.OsThreads, 12));
        table.Add(new(0.2, MetricNames.AllocBytes, 1000));
        table.Add(new(1.2, MetricNames.AllocBytes, 500));
        var rows = table.Build();
        Assert.Equal(12, rows[0].Threads);
        Assert.Null(rows[0].ThreadPoolThreads);
        Assert.Null(rows[1].AllocRateBytesPerSec);
        Assert.Null(table.Latest(1.5));
        Assert.Equal(1, table.Latest(2.5)!.T);
        Assert.Equal(2, table.Latest(9)!.T);
    }

    [Fact]
    public void A_gap_in_the_pool_counter_stays_a_gap_in_both_thread_series()
    {
        var table = new SampleTable();
        for (var t = 0; t < 30; t++)
        {
            table.Add(new(t + 0.5, MetricNames.OsThreads, 30 + t));
            if (t is < 10 or >= 20) table.Add(new(t + 0.6, MetricNames.ThreadPoolThreads, 5 + t));
        }

        var rows = table.Build();
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.Equal(30 + r.T - 1, r.OsThreads));
        Assert.All(rows.Where(r => r.T is > 10 and <= 20), r => Assert.Null(r.ThreadPoolThreads));
        Assert.All(rows.Where(r => r.T is > 10 and <= 20), r => Assert.Null(r.Threads));
        Assert.All(rows.Where(r => r.T is <= 10 or > 20), r => Assert.Equal(5 + r.T - 1, r.Threads));
    }

    [Fact]
    public void Settled_seconds_fold_once_and_keep_their_levels_rates_and_gaps()
    {
        var table = new SampleTable();
        for (var s = 0; s < 100; s++)
        {
            if (s == 40) continue; // a second without readings stays a null row after folding
            table.Add(new(s + 0.5, MetricNames.CpuSeconds, s * 0.25));
            table.Add(new(s + 0.5, MetricNames.Rss, 1000 + s));
        }

        var rows = table.Build();
        Assert.Equal(100, rows.Count);
        Assert.Equal(Enumerable.Range(1, 100).Select(t => (double)t), rows.Select(r => r.T));
        Assert.Equal(1050, rows[50].RssBytes);
        Assert.Equal(0.25, rows[50].Cpu!.Value, 9);
        Assert.Equal(new TargetSample { T = 41 }, rows[40]);
        Assert.Equal(0.25, rows[41].Cpu!.Value, 9); // the rate looks back across the empty second
        Assert.Equal(99, table.Count);
        Assert.Equal(99, table.Latest(100)!.T);

        table.Add(new(20.5, MetricNames.Rss, 1));
        Assert.Equal(1, table.LateReadings);
        Assert.Equal(1020, table.Build()[20].RssBytes);
    }
}
