using LoadLeak.Correlator.Sampling.Endpoints;
using LoadLeak.Correlator.Sampling.Prometheus;
using LoadLeak.Tests.Correlator.Go;

namespace LoadLeak.Tests.Correlator.Prometheus;

public class ExpositionParserTests
{
    [Fact]
    public void Reads_the_go_fixtures_metrics_page()
    {
        var doc = ExpositionParser.Parse(GoTestData.Text("metrics.txt"));

        Assert.Equal(0, doc.SkippedLines);
        Assert.True(Assert.Single(doc.Named("go_goroutines")).Value >= 20_000);
        Assert.Equal(MetricFamilyType.Gauge, doc.TypeOf("go_goroutines"));
        Assert.Equal(MetricFamilyType.Counter, doc.TypeOf("process_cpu_seconds_total"));
        Assert.Equal(MetricFamilyType.Summary, doc.TypeOf("go_gc_duration_seconds_sum"));
        Assert.Equal(5, doc.Named("go_gc_duration_seconds").Count());
        Assert.Equal("go1.19.8", Assert.Single(doc.Named("go_info")).Label("version"));
        Assert.Equal("Number of goroutines that currently exist.", doc.Help["go_goroutines"]);
    }

    [Fact]
    public void Reads_escapes_special_values_timestamps_and_trailing_commas()
    {
        const string text = """
            # A plain comment, ignored
            # HELP msg_total Lines with a \\ and a \n newline.
            # TYPE msg_total counter
            msg_total{path="C:\\dir",msg="say \"hi\"\nbye",} 3 1700000000000
              padded_metric   { a = "1" , b="2" }   4.5e3
            up +Inf
            down -Inf
            broken NaN
            with_colon:rate5m 0.25 1700000000.5
            """;

        var doc = ExpositionParser.Parse(text);

        Assert.Equal(0, doc.SkippedLines);
        var msg = Assert.Single(doc.Named("msg_total"));
        Assert.Equal("C:\\dir", msg.Label("path"));
        Assert.Equal("say \"hi\"\nbye", msg.Label("msg"));
        Assert.Equal(3, msg.Value);
        Assert.Equal(1700000000000, msg.Timestamp);
        Assert.Equal("Lines with a \\ and a \n newline.", doc.Help["msg_total"]);
        var padded = Assert.Single(doc.Named("padded_metric"));
        Assert.Equal(4500, padded.Value);
        Assert.Equal("1", padded.Label("a"));
        Assert.Equal("2", padded.Label("b"));
        Assert.Equal(double.PositiveInfinity, Assert.Single(doc.Named("up")).Value);
        Assert.Equal(double.NegativeInfinity, Assert.Single(doc.Named("down")).Value);
        Assert.True(double.IsNaN(Assert.Single(doc.Named("broken")).Value));
        Assert.Equal(0.25, Assert.Single(doc.Named("with_colon:rate5m")).Value);
    }

    [Fact]
    public void Reads_histograms_and_quoted_names()
    {
        const string text = """
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.1"} 3
            http_request_duration_seconds_bucket{le="+Inf"} 5
            http_request_duration_seconds_sum 0.7
            http_request_duration_seconds_count 5
            # TYPE "my.dotted.metric" gauge
            {"my.dotted.metric",pod="a"} 12
            """;

        var doc = ExpositionParser.Parse(text);

        Assert.Equal(0, doc.SkippedLines);
        Assert.Equal(MetricFamilyType.Histogram, doc.TypeOf("http_request_duration_seconds_bucket"));
        Assert.Equal("+Inf", doc.Named("http_request_duration_seconds_bucket").Last().Label("le"));
        Assert.Equal(MetricFamilyType.Gauge, doc.TypeOf("my.dotted.metric"));
        var dotted = Assert.Single(doc.Named("my.dotted.metric"));
        Assert.Equal(12, dotted.Value);
        Assert.Equal("a", dotted.Label("pod"));
    }

    [Theory]
    [InlineData("no_value", "line 2: '' is not a sample value")]
    [InlineData("bad_value twelve", "line 2: 'twelve' is not a sample value")]
    [InlineData("m{a=\"x\\q\"} 1", "line 2: label a: invalid escape '\\q'")]
    [InlineData("m{a=\"open} 1", "line 2: label a: an unterminated quoted string")]
    [InlineData("m{a=1} 1", "line 2: label a: a quoted value expected")]
    [InlineData("m{a=\"1\",a=\"2\"} 1", "line 2: label a twice")]
    [InlineData("m 1 2 3", "line 2: text after the timestamp")]
    [InlineData("m 1 soon", "line 2: 'soon' is not a timestamp")]
    [InlineData("# TYPE m gauges", "line 2: # TYPE m: 'gauges' is not a metric type")]
    [InlineData("9lives 1", "line 2: no metric name")]
    public void A_malformed_line_is_skipped_and_counted(string bad, string reason)
    {
        var doc = ExpositionParser.Parse($"good 1\n{bad}\nalso_good 2\n");

        Assert.Equal(1, doc.SkippedLines);
        Assert.Equal(reason, doc.FirstSkipped);
        Assert.Equal(["good", "also_good"], doc.Samples.Select(s => s.Name));
    }

    [Theory]
    [InlineData("<!DOCTYPE html>\n<html><body>Login</body></html>", "an HTML page, not Prometheus text exposition")]
    [InlineData("  <html><head></head></html>", "an HTML page, not Prometheus text exposition")]
    [InlineData("\u0008\u0001\u0012\u0000\u0003", "a binary body, not Prometheus text exposition")]
    [InlineData("""{"go_goroutines": 4}""", "no Prometheus sample in the body")]
    public void A_body_that_is_not_exposition_text_is_a_clear_error(string body, string message)
    {
        var error = Assert.Throws<EndpointContentException>(() => ExpositionParser.Parse(body));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_empty_body_has_no_samples_and_is_no_error()
    {
        var doc = ExpositionParser.Parse("\n# TYPE nothing gauge\n");
        Assert.Empty(doc.Samples);
        Assert.Equal(0, doc.SkippedLines);
    }
}
