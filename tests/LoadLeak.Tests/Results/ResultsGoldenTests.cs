using System.Text.Json;
using LoadLeak.Correlator.Comparing;
using LoadLeak.Documents;
using LoadLeak.Engine.Running;
using LoadLeak.Reporting.Comparing;
using LoadLeak.Results;
using LoadLeak.Sessions;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.Results;

/// <summary>run.json, stream.jsonl and compare.json stay as LoadLeak wrote them before the result model was unified.</summary>
public sealed class ResultsGoldenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadleak-golden-").FullName;

    [Fact]
    public void The_synthetic_document_serialises_as_before() =>
        Golden.AssertJson("synthetic-run.json", RunDocumentJson.Serialize(SyntheticRunDocument.Create(durationSeconds: 60)));

    [Fact]
    public void A_run_document_built_from_the_stages_results_serialises_as_before()
    {
        var timeline = new TimelineEvents();
        foreach (var (t, kind, message) in GoldenRun.TimelineEvents()) timeline.Add(t, kind, message);
        var extras = new RunExtras { Heap = GoldenRun.Heap(), RunnerMemory = GoldenRun.RunnerMemory() };
        var built = new RunDocumentBuilder(GoldenRun.Plan(), new RunClock(), null, timeline)
            .Build(GoldenRun.Engine(), GoldenRun.Correlator(), extras);
        // What depends on the machine and the clock is fixed; everything else is the builder's.
        var document = built with
        {
            StartedAt = GoldenRun.StartedAt,
            DurationSeconds = 61.235,
            Meta = built.Meta with
            {
                ToolVersion = "0.0.0-golden",
                Machine = "golden-host",
                Os = "Debian GNU/Linux 12",
                ProcessorCount = 2,
                Runtime = ".NET 10.0.0",
            },
        };

        Golden.AssertJson("built-run.json", RunDocumentJson.Serialize(document));
    }

    [Fact]
    public void The_result_stream_writes_as_before()
    {
        var samples = GoldenRun.Samples();
        var phases = GoldenRun.Phases().OrderBy(p => p.Start).ToList();
        var events = GoldenRun.TimelineEvents();
        TargetSample? latest = null;
        using (var stream = new ResultStream(_dir, new RunHeader("golden-run", GoldenRun.StartedAt, GoldenRun.Meta), () => latest))
        {
            var timeline = new TimelineEvents { Added = stream.Event };
            int phase = 0, next = 0;
            foreach (var rows in GoldenRun.Intervals().GroupBy(r => r.T))
            {
                for (; phase < phases.Count && phases[phase].Start < rows.Key; phase++) stream.OnPhaseStarted(phases[phase]);
                for (; next < events.Count && events[next].T < rows.Key; next++)
                    timeline.Add(events[next].T, events[next].Kind, events[next].Message);
                latest = samples.LastOrDefault(s => s.T <= rows.Key);
                stream.OnInterval(rows.ToList());
            }
        }

        Golden.AssertJsonLines("stream.jsonl", File.ReadAllText(Path.Combine(_dir, ResultStream.FileName)));
    }

    [Fact]
    public void A_comparison_serialises_as_before()
    {
        var runs = new (string Name, RunDocument[] Runs)[]
        {
            ("base", [SyntheticRunDocument.Create(60), SyntheticRunDocument.Create(90)]),
            ("fast", [SyntheticRunDocument.Create(60, scenarioCount: 2), SyntheticRunDocument.Create(90, scenarioCount: 2)]),
            ("single", [SyntheticRunDocument.Create(120) with
            {
                Status = RunStatus.Partial, Leak = new LeakReport { Verdict = LeakVerdict.NoLeak },
            }]),
        };
        var candidates = runs.Select(c =>
        {
            var (metrics, verdicts, _) = CandidateComparer.Summarize(c.Runs);
            return new CandidateSummary
            {
                Name = c.Name,
                Command = $"dotnet {c.Name}.dll --port {{port}}",
                Runs = c.Runs.Select((_, i) => $"runs/{c.Name}-{i + 1}").ToArray(),
                LeakVerdicts = verdicts,
                Statuses = c.Runs.Select(r => r.Status).ToArray(),
                Metrics = metrics,
            };
        }).ToArray();
        var document = new CompareDocument
        {
            StartedAt = GoldenRun.StartedAt,
            ConfigPath = "golden-config.json",
            Repeat = 2,
            DurationScale = 0.5,
            Baseline = "base",
            Candidates = candidates,
            Comparisons = CandidateComparer.Compare(candidates[0], candidates.Skip(1).ToArray()),
            Notes = ["a note"],
        };

        var written = CompareWriter.WriteAll(document, _dir);

        Assert.Empty(written.Errors);
        Golden.AssertJson("synthetic-compare.json", File.ReadAllText(Path.Combine(_dir, "compare.json")));
    }

    [Fact]
    public void A_real_run_json_reads_and_writes_back_unchanged() =>
        Golden.AssertJson("real-run.json", RunDocumentJson.Serialize(RunDocumentJson.Read(Golden.PathOf("real-run.json"))));

    [Fact]
    public void A_real_compare_json_reads_and_writes_back_unchanged()
    {
        var document = JsonSerializer.Deserialize<CompareDocument>(Golden.Read("real-compare.json"), RunDocumentJson.Options);
        Golden.AssertJson("real-compare.json", JsonSerializer.Serialize(document, RunDocumentJson.Options));
    }

    [Fact]
    public void A_real_stream_rebuilds_the_same_partial_run() =>
        Golden.AssertJson("real-partial-run.json", RunDocumentJson.Serialize(PartialRunReader.Read(Golden.PathOf("real-stream.jsonl"))));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
