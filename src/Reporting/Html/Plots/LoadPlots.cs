using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Plots;

/// <summary>What the load generator did, per scenario: throughput, failures, concurrency/target rate, latency.</summary>
internal static class LoadPlots
{
    /// <summary>One deferred renderer per plot, so the section can draw them in parallel.</summary>
    public static IEnumerable<Func<RenderedPlot?>> Plots(RunDocument doc, TimeAxis axis)
    {
        var scenarios = doc.Intervals.GroupBy(i => i.Scenario)
            .Select((g, index) => (Name: g.Key, Color: Palette.ForIndex(index), Rows: g.OrderBy(i => i.T).ToList()))
            .ToList();
        if (scenarios.Count == 0) yield break;

        yield return () => Throughput(axis, scenarios);
        yield return () => Drive(axis, scenarios);
        yield return () => Latency(axis, scenarios);
    }

    private static RenderedPlot? Throughput(TimeAxis axis, List<(string Name, string Color, List<IntervalRow> Rows)> scenarios)
    {
        var throughput = new TimelinePlot(axis, "Requests / s");
        foreach (var s in scenarios)
        {
            var xs = s.Rows.Select(r => r.T).ToList();
            throughput.Line(s.Name + " requests/s", xs, s.Rows.Select(r => (double?)r.Rps).ToList(), s.Color);
            var step = IntervalSeconds(s.Rows);
            if (s.Rows.Any(r => r.Fail > 0))
                throughput.Line(s.Name + " failures/s", xs, s.Rows.Select(r => (double?)(r.Fail / step)).ToList(), s.Color, LineKind.Dotted);
        }
        return throughput.Render("Throughput and failures", "plot-rps-");
    }

    private static RenderedPlot? Drive(TimeAxis axis, List<(string Name, string Color, List<IntervalRow> Rows)> scenarios)
    {
        var drive = new TimelinePlot(axis, "Copies  |  requests / s");
        foreach (var s in scenarios)
        {
            var xs = s.Rows.Select(r => r.T).ToList();
            if (s.Rows.Any(r => r.Concurrency > 0))
                drive.Line(s.Name + " concurrency (copies)", xs, s.Rows.Select(r => (double?)r.Concurrency).ToList(), s.Color);
            if (s.Rows.Any(r => r.TargetRate > 0))
                drive.Line(s.Name + " target rate (req/s)", xs, s.Rows.Select(r => (double?)r.TargetRate).ToList(), s.Color, LineKind.Dashed);
        }
        return drive.Render("Offered load: concurrency and target rate", "plot-drive-");
    }

    private static RenderedPlot? Latency(TimeAxis axis, List<(string Name, string Color, List<IntervalRow> Rows)> scenarios)
    {
        var latency = new TimelinePlot(axis, "Latency (ms)");
        foreach (var s in scenarios)
        {
            var xs = s.Rows.Select(r => r.T).ToList();
            latency.Line(s.Name + " p99 (corrected)", xs, s.Rows.Select(r => NonEmpty(r, r.P99)).ToList(), s.Color);
            latency.Line(s.Name + " p99 uncorrected", xs, s.Rows.Select(r => NonEmpty(r, r.P99Uncorrected)).ToList(), s.Color, LineKind.Dashed);
            latency.Line(s.Name + " p50", xs, s.Rows.Select(r => NonEmpty(r, r.P50)).ToList(), s.Color, LineKind.Dotted);
        }
        return latency.Render("Latency percentiles per interval", "plot-latency-", clipOutliers: true, unit: " ms");
    }

    /// <summary>Latency comes from successful responses only: an interval without any (all failed, or idle) is a gap, not a zero.</summary>
    private static double? NonEmpty(IntervalRow row, double value) => row.Ok > 0 ? value : null;

    private static double IntervalSeconds(List<IntervalRow> rows)
    {
        if (rows.Count < 2) return 1;
        var steps = rows.Zip(rows.Skip(1), (a, b) => b.T - a.T).Where(d => d > 0).Order().ToList();
        return steps.Count == 0 ? 1 : steps[steps.Count / 2];
    }
}
