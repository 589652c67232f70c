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
    /// <summary>
    /// Above this correlation of their request RATES two scenarios cannot be told apart. Rates, not the
    /// cumulative counts the regression uses: any two cumulative counts of steady traffic correlate above
    /// 0.99 merely because both rise, even when one scenario's load steps up while the other's steps down;
    /// and per-second rates of scenarios sharing one target co-move through its stalls (GC pauses, CPU).
    /// </summary>
    public const double CollinearCorrelation = 0.98;

    public sealed record Outcome(IReadOnlyList<RequestRegression> Rows, string? Note);

    public static Outcome Fit(IReadOnlyList<SeriesPoint> y, IReadOnlyList<IntervalRow> intervals)
    {
        if (y.Count == 0) return new Outcome([], null);
        var scenarios = intervals.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var columns = scenarios
            .Select(s => (Scenario: s, X: Cumulative(intervals, s, y)))
            .Where(c => c.X.Max() - c.X.Min() > 0)
            .ToList();
        if (columns.Count == 0 || y.Count < columns.Count + 3)
            return new Outcome([], y.Count == 0 ? null : "bytes per request: too few points or no requests alongside the samples");

        var values = y.Select(p => p.Value).ToArray();
        if (columns.Count == 1) return Single(columns[0].Scenario, columns[0].X, values, null);

        foreach (var a in columns)
            foreach (var b in columns.Where(b => string.CompareOrdinal(a.Scenario, b.Scenario) < 0))
                if (InLockstep(a.X, b.X))
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

    /// <summary>Proportional request rates (both steady counts as proportional): the columns are collinear.</summary>
    private static bool InLockstep(double[] a, double[] b)
    {
        var rateA = Increments(a);
        var rateB = Increments(b);
        if (rateA.Length < 3) return true;
        var steadyA = rateA.StandardDeviation() <= 1e-9 * Math.Max(1, rateA.Mean());
        var steadyB = rateB.StandardDeviation() <= 1e-9 * Math.Max(1, rateB.Mean());
        if (steadyA || steadyB) return steadyA && steadyB;
        // Only proportional rates make the cumulative counts collinear; opposite rates (one scenario's
        // load up while the other's is down, the usual picture on a saturated target) separate them best.
        return Correlation.Pearson(rateA, rateB) > CollinearCorrelation;
    }

    private static double[] Increments(double[] cumulative) =>
        cumulative.Zip(cumulative.Skip(1), (x, y) => y - x).ToArray();

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
