using LoadLeak.Engine.Stats;
using MathNet.Numerics;
using MathNet.Numerics.LinearRegression;
using MathNet.Numerics.Statistics;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// Regresses a resource on each scenario's cumulative request count. With one scenario the slope
/// is the growth per request; with concurrent scenarios a multiple regression splits the growth
/// between them, which works when their request profiles differ (steps, ramps at different times).
/// </summary>
public static class RequestRegressor
{
    /// <summary>Above this correlation two scenarios' request curves cannot be told apart.</summary>
    public const double CollinearCorrelation = 0.995;

    public sealed record Outcome(IReadOnlyList<RequestRegression> Rows, string? Note);

    public static Outcome Fit(IReadOnlyList<SeriesPoint> y, IReadOnlyList<IntervalRow> intervals)
    {
        var scenarios = intervals.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var columns = scenarios
            .Select(s => (Scenario: s, X: Cumulative(intervals, s, y)))
            .Where(c => c.X.Length > 0 && c.X.Max() - c.X.Min() > 0) // no samples of y (e.g. no GC heap from a non-.NET target): nothing to fit
            .ToList();
        if (columns.Count == 0 || y.Count < columns.Count + 3)
            return new Outcome([], y.Count == 0 ? null : "bytes per request: too few points or no requests alongside the samples");

        var values = y.Select(p => p.Value).ToArray();
        if (columns.Count == 1) return Single(columns[0].Scenario, columns[0].X, values, null);

        foreach (var a in columns)
            foreach (var b in columns.Where(b => string.CompareOrdinal(a.Scenario, b.Scenario) < 0))
                if (Math.Abs(Correlation.Pearson(a.X, b.X)) > CollinearCorrelation)
                {
                    var pooled = Enumerable.Range(0, values.Length).Select(i => columns.Sum(c => c.X[i])).ToArray();
                    var names = string.Join("+", columns.Select(c => c.Scenario));
                    return Single(names, pooled, values,
                        $"bytes per request: scenarios {a.Scenario} and {b.Scenario} sent requests in lockstep, so growth cannot be split between them; pooled as {names}");
                }

        var design = Enumerable.Range(0, values.Length).Select(i => columns.Select(c => c.X[i]).ToArray()).ToArray();
        var coefficients = MultipleRegression.QR(design, values, intercept: true);
        var predicted = design.Select(row => coefficients[0] + row.Select((x, j) => x * coefficients[j + 1]).Sum()).ToArray();
        var r2 = GoodnessOfFit.RSquared(predicted, values);
        var rows = columns.Select((c, j) => new RequestRegression(c.Scenario, coefficients[j + 1], Sanitize(r2), values.Length)).ToList();
        return new Outcome(rows, null);
    }

    private static Outcome Single(string scenario, double[] x, double[] y, string? note)
    {
        var (intercept, slope) = MathNet.Numerics.Fit.Line(x, y);
        var r2 = GoodnessOfFit.RSquared(x.Select(v => intercept + slope * v), y);
        return new Outcome([new RequestRegression(scenario, slope, Sanitize(r2), y.Length)], note);
    }

    private static double Sanitize(double r2) => double.IsFinite(r2) ? r2 : 0;

    /// <summary>The scenario's requests completed by each point's time.</summary>
    private static double[] Cumulative(IReadOnlyList<IntervalRow> intervals, string scenario, IReadOnlyList<SeriesPoint> at)
    {
        var rows = intervals.Where(r => r.Scenario == scenario).OrderBy(r => r.T).ToList();
        var result = new double[at.Count];
        var i = 0;
        double sum = 0;
        for (var k = 0; k < at.Count; k++)
        {
            for (; i < rows.Count && rows[i].T <= at[k].T + 0.5; i++) sum += rows[i].Ok + rows[i].Fail;
            result[k] = sum;
        }
        return result;
    }
}
