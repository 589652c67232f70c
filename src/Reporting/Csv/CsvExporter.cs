using System.Text;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Csv;

/// <summary>intervals.csv and samples.csv at full resolution: the plots downsample, these never do.</summary>
internal sealed class CsvExporter : Exporting.IExporter
{
    public const string IntervalsFile = "intervals.csv";
    public const string SamplesFile = "samples.csv";
    public string Name => "csv";

    public IReadOnlyList<string> Export(RunDocument doc, string outDir)
    {
        var intervals = Path.GetFullPath(Path.Combine(outDir, IntervalsFile));
        var samples = Path.GetFullPath(Path.Combine(outDir, SamplesFile));
        File.WriteAllText(intervals, Intervals(doc), Utf8NoBom);
        File.WriteAllText(samples, Samples(doc), Utf8NoBom);
        return [intervals, samples];
    }

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static string Intervals(RunDocument doc)
    {
        var csv = new CsvTable("t", "scenario", "phase", "ok", "fail", "rps", "p50", "p99", "p99Uncorrected",
            "concurrency", "targetRate", "late", "dropped");
        foreach (var i in doc.Intervals)
            // No successful response, no latency (the histograms hold Ok responses only): an empty cell, not 0.
            csv.Row(i.T, i.Scenario, i.Phase, i.Ok, i.Fail, i.Rps, Latency(i, i.P50), Latency(i, i.P99), Latency(i, i.P99Uncorrected),
                i.Concurrency, i.TargetRate, i.Late, i.Dropped);
        return csv.ToString();
    }

    private static double? Latency(IntervalRow row, double value) => row.Ok > 0 ? value : null;

    public static string Samples(RunDocument doc)
    {
        var csv = new CsvTable("t", "gcHeapBytes", "postGcHeapBytes", "workingSetBytes", "rssBytes", "threads", "timers",
            "fds", "cpu", "allocRateBytesPerSec", "gcPauseMs", "gcCount", "exceptions", "lockContentions", "osThreads", "threadPoolThreads");
        foreach (var s in doc.Samples)
            csv.Row(s.T, s.GcHeapBytes, s.PostGcHeapBytes, s.WorkingSetBytes, s.RssBytes, s.Threads, s.Timers,
                s.Fds, s.Cpu, s.AllocRateBytesPerSec, s.GcPauseMs, s.GcCount, s.Exceptions, s.LockContentions, s.OsThreads, s.ThreadPoolThreads);
        return csv.ToString();
    }
}
