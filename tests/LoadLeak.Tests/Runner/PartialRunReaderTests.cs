using System.Text.Json;
using LoadLeak.Documents;
using LoadLeak.Results;
using LoadLeak.Sessions;

namespace LoadLeak.Tests.Runner;

public sealed class PartialRunReaderTests
{
    [Fact]
    public void A_stream_cut_mid_line_rebuilds_a_partial_run()
    {
        var path = Path.GetTempFileName();
        try
        {
            string Line<T>(string type, T data) => JsonSerializer.Serialize(new StreamRecord<T>(type, data), StreamJson.Options);
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
        finally { File.Delete(path); }
    }
}
