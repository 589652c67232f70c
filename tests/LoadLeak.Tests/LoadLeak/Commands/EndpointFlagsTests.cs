using LoadLeak.Commands;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Results;

namespace LoadLeak.Tests.LoadLeak.Commands;

public class EndpointFlagsTests
{
    [Theory]
    [InlineData("ftp://host/debug/pprof", null, "--target-pprof: not an http:// or https:// URL: 'ftp://host/debug/pprof'")]
    [InlineData(null, "not a url", "--target-metrics: not an http:// or https:// URL: 'not a url'")]
    public void Bad_urls_are_one_line_errors_naming_the_flag(string? pprof, string? metrics, string expected) =>
        Assert.Equal(expected, EndpointFlags.Check(pprof, metrics, []));

    [Fact]
    public void Placeholders_are_accepted_and_metric_names_are_checked()
    {
        Assert.Null(EndpointFlags.Check("http://127.0.0.1:{port}/debug/pprof", "http://127.0.0.1:{port}/metrics", ["go_goroutines", "app:queue"]));
        Assert.Equal("--target-metric: needs --target-metrics URL (the endpoint the gauge is read from)",
            EndpointFlags.Check(null, null, ["go_goroutines"]));
        Assert.Equal("--target-metric: not a Prometheus metric name: 'queue depth'",
            EndpointFlags.Check(null, "http://h/metrics", ["queue depth"]));
    }

    [Fact]
    public void Go_and_custom_readings_fold_into_the_sample_of_their_second()
    {
        var table = new SampleTable();
        table.Add(new Measurement(0.4, MetricNames.Goroutines, 120));
        table.Add(new Measurement(0.5, MetricNames.GoHeapInuse, 4_000_000));
        table.Add(new Measurement(0.6, MetricNames.Custom("queue_depth"), 7));
        table.Add(new Measurement(1.5, MetricNames.RuntimeThreads, 9));

        var rows = table.Build();
        Assert.Equal(120, rows[0].Goroutines);
        Assert.Equal(4_000_000, rows[0].GoHeapInuseBytes);
        Assert.Equal(7, rows[0].Metrics!["queue_depth"]);
        Assert.Null(rows[0].RuntimeThreads);
        Assert.Equal(9, rows[1].RuntimeThreads);
        Assert.Null(rows[1].Metrics);
        var json = System.Text.Json.JsonSerializer.Serialize(new TargetSample { T = 1 }, RunDocumentJson.Options);
        Assert.DoesNotContain("goroutines", json, StringComparison.Ordinal);
    }
}
