using System.Text.Json;
using LoadLeak.Documents;
using LoadLeak.Engine;
using LoadLeak.Engine.Running;
using LoadLeak.Results;
using LoadLeak.Sessions;

namespace LoadLeak.Tests.LoadLeak.Documents;

/// <summary>Rebuilding a run from the stream of a process that was killed mid-run.</summary>
public sealed class PartialRunReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loadleak-partial-").FullName;

    private string StreamPath => Path.Combine(_dir, ResultStream.FileName);

    [Fact]
    public void A_torn_last_line_is_ignored_and_the_running_phase_closes_at_the_last_measured_second()
    {
        using (var stream = new ResultStream(_dir, new RunHeader("run-1", DateTimeOffset.UnixEpoch, new RunMetadata { TargetPid = 42 }), () => null))
        {
            stream.OnPhaseStarted(new PhaseRecord("warm-up", "http", PhaseKind.WarmUp, 0, 1, "warm-up", null, null));
            stream.OnPhaseStarted(new PhaseRecord("1 KeepConstant", "http", PhaseKind.Load, 1, 60, "KeepConstant", 4, null));
        }
        var lines = Enumerable.Range(1, 5)
            .Select(t => Line("interval", new IntervalRow(t, "http", "1 KeepConstant", 10, 0, 10, 1, 2, 2, 4, 0, 0, 0)));
        File.AppendAllLines(StreamPath, lines);
        File.AppendAllText(StreamPath, "{\"type\":\"interval\",\"data\":{\"t\":6,"); // killed while writing

        var run = PartialRunReader.Read(StreamPath);

        Assert.Equal(RunStatus.Partial, run.Status);
        Assert.Equal(42, run.Meta.TargetPid);
        Assert.Equal(5, run.Intervals.Count);
        Assert.Equal(5, run.DurationSeconds);
        Assert.Equal([1.0, 5.0], run.Phases.Select(p => p.End));
    }

    [Fact]
    public void A_stream_without_a_header_is_rejected_with_its_path()
    {
        File.WriteAllText(StreamPath, "{\"type\":\"interval\",\"data\":{}}\n");
        var error = Assert.Throws<ConfigException>(() => PartialRunReader.Read(StreamPath));
        Assert.Contains(StreamPath, error.Message);
    }

    private static string Line<T>(string type, T data) => JsonSerializer.Serialize(new StreamRecord<T>(type, data), StreamJson.Options);

    [Fact]
    public void A_hand_written_stream_cut_mid_line_rebuilds_a_partial_run()
    {
        var path = Path.Combine(_dir, "hand-written.jsonl");
        var lines = new[]
        {
            Line("header", new RunHeader("run-1", DateTimeOffset.UnixEpoch, new RunMetadata { TestName = "t" })),
            Line("phase", new PhaseRecord("warm-up", "http", PhaseKind.WarmUp, 0, 2, "warm-up", 4, null)),
            Line("phase", new PhaseRecord("1 KeepConstant", "http", PhaseKind.Load, 2, 2, "KeepConstant(4, 00:00:10)", 4, null)),
            Line("interval", new IntervalRow(3, "http", "1 KeepConstant", 100, 1, 101, 1, 2, 2, 4, 0, 0, 0)),
            Line("sample", new TargetSample { T = 3, GcHeapBytes = 1e6 }),
            Line("interval", new IntervalRow(4, "http", "1 KeepConstant", 90, 0, 90, 1, 2, 2, 4, 0, 0, 0)),
            "{\"type\":\"sample\",\"data\":{\"t\":4,", // torn by kill -9
        };
        File.WriteAllLines(path, lines);

        var doc = PartialRunReader.Read(path);
        Assert.Equal(RunStatus.Partial, doc.Status);
        Assert.Equal("run-1", doc.RunId);
        Assert.Equal(2, doc.Intervals.Count);
        Assert.Single(doc.Samples);
        Assert.Equal(4, doc.Phases.Single(p => p.Kind == PhaseKind.Load).End); // open phase closed at the last measured second
        Assert.Contains(doc.Notes, n => n.Contains("partial", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
