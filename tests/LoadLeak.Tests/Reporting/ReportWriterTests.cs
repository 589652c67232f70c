using LoadLeak.Reporting.Exporting;
using LoadLeak.Results;
using LoadLeak.Tests.Results;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.Reporting;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ll-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writes_every_format_by_default()
    {
        var outcome = ReportWriter.WriteAll(SyntheticRunDocument.Create(durationSeconds: 120), _dir);

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        Assert.Equal<string>(["intervals.csv", "report.html", "report.md", "run.json", "samples.csv"],
            FileNames(outcome));
        Assert.All(outcome.Files, f => Assert.True(new FileInfo(f).Length > 0, f));
        Assert.Equal("20261127-120000-synthetic", RunDocumentJson.Read(Path.Combine(_dir, "run.json")).RunId);
    }

    [Fact]
    public void Writes_only_the_requested_formats()
    {
        var outcome = ReportWriter.WriteAll(RunDocumentJsonTests.Minimal(), _dir, ["md", "CSV"]);
        Assert.Equal<string>(["intervals.csv", "report.md", "samples.csv"], FileNames(outcome));
    }

    [Fact]
    public void Degenerate_documents_still_produce_every_report()
    {
        var nan = new LatencySummary(double.NaN, 1, 1, 1, 1, 1, double.PositiveInfinity, 1, 1);
        var doc = RunDocumentJsonTests.Minimal() with
        {
            DurationSeconds = double.NaN,
            Scenarios = [new ScenarioStats("s", 0, 0, 0, 0, nan, nan, new Dictionary<string, long>(), [], 0, 0, 0)],
            Intervals = [new IntervalRow(1, "s", "p", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)],
            Samples = [new TargetSample { T = 1 }, new TargetSample { T = 2, Threads = 5 }],
            Phases = [new PhaseRecord("p", "s", PhaseKind.Load, 5, 5, "", null, null)],
            Events = [new TimelineEvent(1e9, EventKind.CounterGap, "after the end")],
            Capacity = new CapacityResult(null, double.NaN, 0, 0, 0, double.NaN, 0, null, null, [new CapacityPoint("s", 1, 10, 1)]),
            Heap = new HeapForensicsResult([], [], [], []),
        };
        var outcome = ReportWriter.WriteAll(doc, _dir);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        Assert.Equal(5, outcome.Files.Count);
    }

    [Fact]
    public void Unknown_format_is_refused_with_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => ReportWriter.WriteAll(RunDocumentJsonTests.Minimal(), _dir, ["pdf"]));
        Assert.Contains("json, html, md, csv", e.Message);
    }

    [Fact]
    public void One_failing_exporter_does_not_stop_the_others()
    {
        var composite = new CompositeExporter([new JsonExporter(), new ThrowingExporter(), ReportWriter.Create("md")]);
        var outcome = composite.Run(RunDocumentJsonTests.Minimal(), _dir);

        Assert.Equal<string>(["report.md", "run.json"], FileNames(outcome));
        var error = Assert.Single(outcome.Errors);
        Assert.Contains("broken", error);
        Assert.Contains("disk on fire", error);
        Assert.Throws<InvalidOperationException>(() => composite.Export(RunDocumentJsonTests.Minimal(), _dir));
    }

    private static string[] FileNames(ReportOutcome outcome) => outcome.Files.Select(f => Path.GetFileName(f)).Order().ToArray();

    private sealed class ThrowingExporter : IExporter
    {
        public string Name => "broken";
        public IReadOnlyList<string> Export(RunDocument doc, string outDir) => throw new IOException("disk on fire");
    }
}
