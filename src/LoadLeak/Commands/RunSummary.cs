using System.Globalization;
using LoadLeak.Cli;
using LoadLeak.Results;
using LoadLeak.Sessions;

namespace LoadLeak.Commands;

/// <summary>The few lines a run ends with: status, per-scenario figures, verdict, where the reports are.</summary>
internal static class RunSummary
{
    public static void Print(IUserConsole console, RunOutcome outcome)
    {
        var doc = outcome.Document;
        console.Info("");
        console.Info($"status: {doc.Status.ToJsonName()}, {doc.DurationSeconds:0.0} s, {doc.Samples.Count} target samples");
        foreach (var s in doc.Scenarios)
            console.Info(string.Create(CultureInfo.InvariantCulture, $"  {s.Name}: {s.Ok} ok, {s.Fail} fail, {s.Rps:0.0} rps, ") + Latency(s));
        foreach (var t in doc.Thresholds.Where(t => !t.Passed))
            console.Info($"  threshold failed: {t.Scenario}: {t.Description}{(t.Error is null ? "" : " (" + t.Error + ")")}");
        console.Info($"leak verdict: {doc.Leak.Verdict.ToJsonName()}");
        foreach (var f in doc.Leak.Findings.Where(f => f.IsLeak))
            console.Info($"  {f.Summary}");
        foreach (var e in doc.Events)
            console.Info(string.Create(CultureInfo.InvariantCulture, $"  event at {e.T:0.0} s: {e.Kind.ToJsonName()}: {e.Message}"));
        foreach (var file in outcome.Files.Where(f => f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith("run.json", StringComparison.Ordinal)))
            console.Info($"{(file.EndsWith(".html", StringComparison.Ordinal) ? "report" : "run.json")}: {file}");
        console.Info($"exit code {outcome.ExitCode}");
    }

    /// <summary>Latency is measured on successful responses only: a scenario without any has none, not 0.</summary>
    private static string Latency(ScenarioStats s) => s.Ok == 0
        ? "latency – (no successful response)"
        : string.Create(CultureInfo.InvariantCulture,
            $"p50 {s.Latency.P50:0.00} ms, p99 {s.Latency.P99:0.00} ms (uncorrected {s.LatencyUncorrected.P99:0.00} ms)");
}
