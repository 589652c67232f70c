using System.Text.Json;
using LoadLeak.Correlator.Analysis;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Tests.Correlator;

/// <summary>
/// A real accuracy-matrix run, trimmed to what the leak analysis reads (phases, intervals, samples,
/// induced-GC marks), for re-analysing offline. Files live in Correlator/Recorded/.
/// </summary>
internal sealed record RecordedRun(string Name, string Mode, AnalysisInput Input)
{
    /// <summary>The thresholds of tests/LoadLeak.IntegrationTests/configs/accuracy-matrix.json.</summary>
    public static LeakOptions MatrixOptions { get; } = LeakOptions.Default with { MinSamples = 15, MinBlockSeconds = 1 };

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Correlator", "Recorded");

    public static IEnumerable<string> Names(string prefix) =>
        System.IO.Directory.EnumerateFiles(Directory, prefix + "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static RecordedRun Load(string fileName)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, fileName)));
        var root = doc.RootElement;
        var phases = root.GetProperty("phases").EnumerateArray().Select(p => new PhaseRecord(
            p.GetProperty("name").GetString()!, p.GetProperty("scenario").GetString()!, Kind(p.GetProperty("kind").GetString()!),
            p.GetProperty("start").GetDouble(), p.GetProperty("end").GetDouble(), p.GetProperty("simulation").GetString()!,
            Number(p, "copies") is { } copies ? (int)copies : null, Number(p, "rate"))).ToList();
        var intervals = root.GetProperty("intervals").EnumerateArray().Select(i => new IntervalRow(
            i.GetProperty("t").GetDouble(), i.GetProperty("scenario").GetString()!, i.GetProperty("phase").GetString()!,
            i.GetProperty("ok").GetInt64(), i.GetProperty("fail").GetInt64(), 0, 0, 0, 0, 0, 0, 0, 0)).ToList();
        var samples = root.GetProperty("samples").EnumerateArray().Select(s => new TargetSample
        {
            T = s.GetProperty("t").GetDouble(),
            GcHeapBytes = Number(s, "gcHeapBytes"),
            PostGcHeapBytes = Number(s, "postGcHeapBytes"),
            WorkingSetBytes = Number(s, "workingSetBytes"),
            RssBytes = Number(s, "rssBytes"),
            Threads = Number(s, "threads"),
            OsThreads = Number(s, "osThreads"),
            Timers = Number(s, "timers"),
            Fds = Number(s, "fds"),
            AllocRateBytesPerSec = Number(s, "allocRateBytesPerSec"),
            GcPauseMs = Number(s, "gcPauseMs"),
        }).ToList();
        var marks = root.GetProperty("retained").EnumerateArray().Select(m => new RetainedMark(
            m.GetProperty("t").GetDouble(), m.GetProperty("phase").GetString()!, m.GetProperty("heapBytes").GetDouble(), m.GetProperty("reason")
                .GetString()!)).ToList();
        return new RecordedRun(fileName, root.GetProperty("mode").GetString()!, new AnalysisInput(phases, intervals, samples, marks, MatrixOptions));
    }

    private static PhaseKind Kind(string name) =>
        JsonNames.TryParse<PhaseKind>(name, out var kind) ? kind : throw new FormatException($"unknown phase kind \"{name}\"");

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
