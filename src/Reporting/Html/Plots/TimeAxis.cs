using LoadLeak.Results;

namespace LoadLeak.Reporting.Html.Plots;

/// <summary>The x range and the annotations every timeline plot shares, so load and target line up second for second.</summary>
internal sealed record TimeAxis(double Start, double End, IReadOnlyList<PhaseBand> Bands, IReadOnlyList<TimelineEvent> Events)
{
    public double Span => End - Start;

    public static TimeAxis From(RunDocument doc)
    {
        var ends = doc.Intervals.Select(i => i.T)
            .Concat(doc.Samples.Select(s => s.T))
            .Concat(doc.Phases.Select(p => p.End))
            .Append(doc.DurationSeconds)
            .Where(double.IsFinite);
        var end = ends.DefaultIfEmpty(1).Max();
        var bands = PhaseBands.Of(doc.Phases);
        return new TimeAxis(0, Math.Max(end, 1), bands, doc.Events.Where(e => double.IsFinite(e.T)).ToList());
    }
}
