using System.Text.Json;
using LoadLeak.Commands;
using LoadLeak.Correlator.Comparing;
using LoadLeak.Correlator.Soak;
using LoadLeak.Engine;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;
using LoadLeak.Sessions;
using LoadLeak.Soak;
using LoadLeak.Targets;

namespace LoadLeak.Tests.Runner;

public sealed class RunnerPartsTests
{
    [Theory]
    [InlineData("dotnet app.dll --port 5", new[] { "dotnet", "app.dll", "--port", "5" })]
    [InlineData("dotnet \"my app.dll\" 'a b'", new[] { "dotnet", "my app.dll", "a b" })]
    [InlineData("a\\ b c", new[] { "a b", "c" })]
    public void Command_lines_split_like_a_shell(string command, string[] expected) =>
        Assert.Equal(expected, CommandLineSplitter.Split(command, "--target-cmd"));

    [Theory]
    [InlineData("dotnet \"unterminated")]
    [InlineData("   ")]
    public void Bad_command_lines_name_the_flag(string command) =>
        Assert.Contains("--target-cmd", Assert.Throws<ConfigException>(() => CommandLineSplitter.Split(command, "--target-cmd")).Message);

    [Theory]
    [InlineData("1h", 3600)]
    [InlineData("90m", 5400)]
    [InlineData("45s", 45)]
    [InlineData("1h30m", 5400)]
    [InlineData("00:10:00", 600)]
    public void Durations_parse(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var d));
        Assert.Equal(seconds, d.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5s")]
    [InlineData("0s")]
    public void Bad_durations_are_refused(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Fact]
    public void Placeholders_fill_every_occurrence()
    {
        var p = new Placeholders().Set("port", "1234").Set("kafka", "127.0.0.1:9");
        Assert.Equal("x 1234 1234 127.0.0.1:9 {other}", p.Fill("x {port} {port} {kafka} {other}"));
    }

    [Fact]
    public void Kafka_faults_parse_and_scale()
    {
        using var doc = JsonDocument.Parse("""{ "KafkaBrokers": 3, "Faults": [ { "BrokerDown": 2, "At": "00:00:10", "For": "00:00:04" } ] }""");
        var options = RunOptions.From(doc.RootElement).Scaled(0.5);
        var fault = Assert.Single(options.Faults);
        Assert.Equal(new KafkaFault(2, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2)), fault);
    }

    [Theory]
    [InlineData("""{ "Faults": [ { "BrokerDown": 2, "At": "00:00:10", "For": "00:00:04" } ] }""", "LoadLeak.Faults[0].BrokerDown")]
    [InlineData("""{ "Faults": [ { "BrokerDown": 1, "At": "soon", "For": "00:00:04" } ] }""", "LoadLeak.Faults[0].At")]
    [InlineData("""{ "Faults": {} }""", "LoadLeak.Faults")]
    [InlineData("""{ "RetainedGc": "always" }""", "LoadLeak.RetainedGc")]
    [InlineData("""{ "Slo": { "P99Ms": -1 } }""", "LoadLeak.Slo")]
    [InlineData("""{ "KafkaBrokers": 0 }""", "LoadLeak.KafkaBrokers")]
    public void Bad_loadleak_settings_name_their_path(string json, string path)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.StartsWith(path, Assert.Throws<ConfigException>(() => RunOptions.From(doc.RootElement)).Message);
    }

    [Fact]
    public void Soak_holds_each_scenario_at_its_peak_copies()
    {
        var scenario = Scenario.Create("s", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(new RampingConstant(100, TimeSpan.FromSeconds(5)), new KeepConstant(300, TimeSpan.FromSeconds(5)), new KeepConstant(5, TimeSpan.FromSeconds(5)));
        var shaped = new SoakPlan(TimeSpan.FromMinutes(10), null, TimeSpan.FromMinutes(1))
            .Shape(new EngineSettings([scenario], TimeSpan.FromSeconds(1), false));
        var sims = shaped.Scenarios[0].LoadSimulations;
        Assert.Equal([new RampingConstant(300, TimeSpan.FromSeconds(30)), new KeepConstant(300, TimeSpan.FromSeconds(570))], sims);
    }

    [Fact]
    public void Soak_forecast_needs_a_significant_upward_trend()
    {
        TargetSample[] Samples(Func<int, double> rss) =>
            Enumerable.Range(0, 600).Select(i => new TargetSample { T = i, RssBytes = rss(i) }).ToArray();
        var rising = new RunDocument { RunId = "r", Samples = Samples(i => 100e6 + i * 10_000 + (i % 7) * 50_000) };
        var flat = new RunDocument { RunId = "f", Samples = Samples(i => 100e6 + (i % 7) * 50_000) };
        var limit = (1e9, "test limit");

        var forecast = SoakForecaster.Forecast(rising, 0, 600, limit);
        Assert.InRange(forecast.RssSlopeBytesPerHour!.Value, 30e6, 42e6); // 10 kB/s = 36 MB/h
        Assert.InRange(forecast.ForecastSecondsToExhaustion!.Value, 80_000, 100_000); // (1e9 - ~106e6) / 10 kB/s
        Assert.Null(SoakForecaster.Forecast(flat, 0, 600, limit).ForecastSecondsToExhaustion);
    }

    [Fact]
    public void Comparison_flags_differences_beyond_twice_the_noise()
    {
        RunDocument Run(double rps, LeakVerdict verdict) => new()
        {
            RunId = "x",
            Scenarios = [new ScenarioStats("http", 1000, 0, rps, 0, Latency(1), Latency(1), new Dictionary<string, long>(), [], 0, 0, 0)],
            Leak = new LeakReport { Verdict = verdict },
        };
        CandidateSummary Candidate(string name, params RunDocument[] runs)
        {
            var (metrics, verdicts) = CandidateComparer.Summarize(runs);
            return new CandidateSummary { Name = name, Command = "x", Metrics = metrics, LeakVerdicts = verdicts };
        }
        var a = Candidate("a", Run(1000, LeakVerdict.NoLeak), Run(1010, LeakVerdict.NoLeak), Run(990, LeakVerdict.NoLeak));
        var b = Candidate("b", Run(1500, LeakVerdict.Leak), Run(1490, LeakVerdict.Leak), Run(1510, LeakVerdict.Leak));
        var c = Candidate("c", Run(1005, LeakVerdict.NoLeak), Run(995, LeakVerdict.NoLeak), Run(1000, LeakVerdict.NoLeak));
        var comparisons = CandidateComparer.Compare(a, [b, c]);
        var rpsB = comparisons.Single(x => x.Candidate == "b" && x.Metric == "rps");
        var rpsC = comparisons.Single(x => x.Candidate == "c" && x.Metric == "rps");
        Assert.Equal(50, rpsB.DiffPercent!.Value, 1);
        Assert.Equal(ComparisonVerdict.Significant, rpsB.Verdict);
        Assert.Equal(ComparisonVerdict.WithinNoise, rpsC.Verdict);
        Assert.Equal([LeakVerdict.Leak, LeakVerdict.Leak, LeakVerdict.Leak], b.LeakVerdicts);
    }

    private static LatencySummary Latency(double v) => new(v, v, v, v, v, v, v, v, 0);
}
