using LoadLeak.Results;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.Results;

public class RunDocumentJsonTests
{
    [Fact]
    public void Round_trip_keeps_every_field_and_nulls_stay_null()
    {
        var doc = SyntheticRunDocument.Create(durationSeconds: 120);
        var json = RunDocumentJson.Serialize(doc);
        var back = RunDocumentJson.Deserialize(json);

        Assert.Equal(json, RunDocumentJson.Serialize(back));
        var gapSample = back.Samples.First(s => s.GcHeapBytes is null);
        Assert.Null(gapSample.PostGcHeapBytes);
        Assert.NotNull(gapSample.RssBytes);
        Assert.Equal(doc.Samples.Count(s => s.GcHeapBytes is null), back.Samples.Count(s => s.GcHeapBytes is null));
        Assert.Equal(doc.Heap!.RetentionPaths[0].Path, back.Heap!.RetentionPaths[0].Path);
        Assert.Equal(doc.Heap.Snapshots, back.Heap.Snapshots);
        Assert.Contains(back.Heap.Snapshots, s => s.PauseMeasured && s.WriteDumpMs > s.PauseMs);
        Assert.Equal(doc.Scenarios[0].StatusCodes["200"], back.Scenarios[0].StatusCodes["200"]);
    }

    [Fact]
    public void Writes_camel_case_indented_with_explicit_nulls()
    {
        var doc = Minimal() with { Samples = [new TargetSample { T = 1, GcHeapBytes = null, Threads = 12 }] };
        var json = RunDocumentJson.Serialize(doc);

        Assert.Contains("\"schemaVersion\": 1", json);
        Assert.Contains("\"gcHeapBytes\": null", json);
        Assert.Contains("\"threads\": 12", json);
        Assert.DoesNotContain("\"GcHeapBytes\"", json);
        Assert.Contains("\n  \"runId\"", json);
    }

    [Fact]
    public void Schema_version_newer_than_current_is_rejected_with_the_file_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ll-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, RunDocumentJson.Serialize(Minimal()).Replace("\"schemaVersion\": 1",
            $"\"schemaVersion\": {RunDocument.CurrentSchemaVersion + 1}"));
        try
        {
            var e = Assert.Throws<RunDocumentFormatException>(() => RunDocumentJson.Read(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("newer", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Malformed_json_names_line_and_position()
    {
        var json = "{\n  \"schemaVersion\": 1,\n  \"runId\": \"x\",\n  \"durationSeconds\": oops\n}";
        var e = Assert.Throws<RunDocumentFormatException>(() => RunDocumentJson.Deserialize(json, "bad.json"));
        Assert.Contains("bad.json", e.Message);
        Assert.Contains("line 4", e.Message);
    }

    [Fact]
    public void Wrong_type_names_the_json_path()
    {
        var json = RunDocumentJson.Serialize(Minimal()).Replace("\"durationSeconds\": 0", "\"durationSeconds\": \"long\"");
        var e = Assert.Throws<RunDocumentFormatException>(() => RunDocumentJson.Deserialize(json, "run.json"));
        Assert.Contains("durationSeconds", e.Message);
    }

    [Fact]
    public void An_unknown_state_names_the_path_and_the_accepted_spellings()
    {
        var json = RunDocumentJson.Serialize(Minimal() with { Status = RunStatus.TargetDied }).Replace("\"target-died\"", "\"exploded\"");
        var e = Assert.Throws<RunDocumentFormatException>(() => RunDocumentJson.Deserialize(json, "old/run.json"));
        Assert.StartsWith("old/run.json: line ", e.Message);
        Assert.Contains("at $.status", e.Message);
        Assert.Contains("unknown RunStatus \"exploded\"; expected one of: complete, partial, interrupted, target-died, failed", e.Message);
    }

    [Fact]
    public void A_state_written_as_a_number_is_refused()
    {
        var json = RunDocumentJson.Serialize(Minimal()).Replace("\"status\": \"complete\"", "\"status\": 0");
        Assert.Contains("unknown RunStatus number", Assert.Throws<RunDocumentFormatException>(() => RunDocumentJson.Deserialize(json)).Message);
    }

    [Fact]
    public void Times_rates_and_latencies_are_written_with_three_decimals_and_read_as_written()
    {
        var doc = Minimal() with
        {
            DurationSeconds = 12.34567,
            Samples = [new TargetSample { T = 1.0004999, GcHeapBytes = 1234.5678 }],
            Heap = new HeapForensicsResult([new SnapshotInfo("a", 2.22222, 1e6 + 0.5, 1, 3.33333, 4.44444) { WriteDumpMs = 5.55555 }], [], [], []),
        };
        var json = RunDocumentJson.Serialize(doc);

        Assert.Contains("\"durationSeconds\": 12.346", json);
        Assert.Contains("\"t\": 1,", json);
        Assert.Contains("\"gcHeapBytes\": 1234.5678", json); // bytes keep every digit
        Assert.Contains("\"heapBytes\": 1000000.5", json);
        Assert.Contains("\"writeDumpMs\": 5.556", json);
        Assert.Equal(2.222, RunDocumentJson.Deserialize(json).Heap!.Snapshots[0].T);
        Assert.Equal(12.3456, RunDocumentJson.Deserialize(json.Replace("12.346", "12.3456")).DurationSeconds);
    }

    [Fact]
    public void Os_and_pool_threads_are_separate_series_each_left_out_when_null()
    {
        var doc = Minimal() with
        {
            Samples = [new TargetSample { T = 1, Threads = 3, OsThreads = 9, ThreadPoolThreads = 3 }, new TargetSample { T = 2, OsThreads = 8 }],
        };
        var json = RunDocumentJson.Serialize(doc);

        Assert.Contains("\"osThreads\": 9", json, StringComparison.Ordinal);
        Assert.Contains("\"threadPoolThreads\": 3", json, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "threadPoolThreads"));
        var read = RunDocumentJson.Deserialize(json).Samples;
        Assert.Equal([9.0, 8], read.Select(s => s.OsThreads));
        Assert.Equal([3.0, null], read.Select(s => s.ThreadPoolThreads));
    }

    [Theory]
    [InlineData("[]", "object")]
    [InlineData("{\"runId\":\"x\"}", "schemaVersion")]
    [InlineData("{\"schemaVersion\":0,\"runId\":\"x\"}", "not valid")]
    [InlineData("{\"schemaVersion\":1}", "runId")]
    public void Other_unsupported_documents_are_rejected(string json, string expected)
    {
        var e = Assert.Throws<RunDocumentFormatException>(() => RunDocumentJson.Deserialize(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Write_then_read_a_file()
    {
        var dir = Directory.CreateTempSubdirectory("ll-json-").FullName;
        try
        {
            var path = Path.Combine(dir, "nested", "run.json");
            RunDocumentJson.Write(Minimal() with { Capacity = new CapacityResult(null, 0, 0, 0, double.NaN, 0, 0, null, null, []) }, path);
            var back = RunDocumentJson.Read(path);
            Assert.Equal("run-1", back.RunId);
            Assert.True(double.IsNaN(back.Capacity!.RSquared));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    internal static RunDocument Minimal() => new() { RunId = "run-1" };
}
