using System.Globalization;
using LoadLeak.Results;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// Regresses a resource on each scenario's cumulative request count. With one scenario the slope
/// is the growth per request; with concurrent scenarios a multiple regression splits the growth
/// between them, which works when their request profiles differ (steps, ramps at different times).
/// </summary>
internal static class RequestRegressor
{
    /// <summary>
    /// Below this standard deviation of the log of two scenarios' request-rate ratio, second by second, their
    /// rates are proportional and their request counts cannot be told apart. The log ratio, not a correlation:
    /// cumulative counts of any steady traffic correlate above 0.99, and per-second rates of scenarios sharing
    /// one target co-move through its stalls even when one scenario's load steps up while the other's steps
    /// down. The log ratio, not the share of one in both: a scenario at 1/15 of the other's rate keeps a share
    /// near 0.94 even when its own rate triples. 0.2 is a share spread of 0.05 at equal rates.
    /// </summary>
    public const double LockstepLogRatioSpread = 0.2;

    /// <summary>The fit, a note on how it was made, and each scenario's share of the growth.</summary>
    public sealed record Outcome(IReadOnlyList<RequestRegression> Rows, string? Note)
    {
        public IReadOnlyList<ScenarioShare> Shares { get; init; } = [];

        /// <summary>False when the request counts are too collinear to split the growth at all.</summary>
        public bool Separable { get; init; } = true;

        /// <summary>The scenario the growth is attributed to, <see cref="GrowthShares.Undetermined"/>, or null without a fit.</summary>
        public string? Blamed => Shares.Count == 0 ? null : Separable ? GrowthShares.Blamed(Shares) : GrowthShares.Undetermined;
    }

    /// <summary>
    /// Above this condition index of the centred, unit-scaled request counts, one scenario's counts are
    /// nearly a combination of the others' and no fit can split the growth between them (Belsley, Kuh and
    /// Welsch's rule of thumb: above 30, strong dependency). Counts that step at different times stay far
    /// below it (10–18 in the accuracy matrix); counts that differ only by jitter are at 50–90.
    /// </summary>
    public const double MaxConditionIndex = 30;

    public static Outcome Fit(IReadOnlyList<SeriesPoint> y, IReadOnlyList<IntervalRow> intervals)
    {
        if (y.Count == 0) return new Outcome([], null);
        var scenarios = intervals.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var columns = scenarios
            .Select(s => (Scenario: s, X: Cumulative(intervals, s, y)))
            .Where(c => c.X.Length > 0 && c.X.Max() - c.X.Min() > 0)
            .ToList();
        if (columns.Count == 0 || y.Count < columns.Count + 3)
            return new Outcome([], y.Count == 0 ? null : "bytes per request: too few points or no requests alongside the samples");

        var values = y.Select(p => p.Value).ToArray();
        if (columns.Count == 1) return Single(columns[0].Scenario, columns[0].X, values, null);

        foreach (var a in columns)
            foreach (var b in columns.Where(b => string.CompareOrdinal(a.Scenario, b.Scenario) < 0))
                if (InLockstep(intervals, a.Scenario, b.Scenario, y[0].T, y[^1].T))
                {
                    var pooled = Enumerable.Range(0, values.Length).Select(i => columns.Sum(c => c.X[i])).ToArray();
                    var names = string.Join("+", columns.Select(c => c.Scenario));
                    return Single(names, pooled, values,
                        $"bytes per request: scenarios {a.Scenario} and {b.Scenario} sent requests in lockstep, so growth cannot be split between " +
                            $"them; pooled as {names}");
                }
        return Multiple(columns, values);
    }

    /// <summary>
    /// Non-negative least squares with a free intercept (both sides centred): a scenario retains memory or
    /// it does not, and a negative coefficient would only buy another scenario a spuriously large one.
    /// </summary>
    private static Outcome Multiple(List<(string Scenario, double[] X)> columns, double[] values)
    {
        var means = columns.Select(c => c.X.Average()).ToArray();
        var yMean = values.Average();
        var design = Enumerable.Range(0, values.Length).Select(i => columns.Select((c, j) => c.X[i] - means[j]).ToArray()).ToArray();
        var centred = values.Select(v => v - yMean).ToArray();
        var coefficients = NonNegativeLeastSquares.Solve(design, centred);
        var predicted = design.Select(row => yMean + row.Select((x, j) => x * coefficients[j]).Sum()).ToArray();
        var r2 = GoodnessOfFit.RSquared(predicted, values);
        var rows = columns.Select((c, j) => new RequestRegression(c.Scenario, coefficients[j], Sanitize(r2), values.Length)).ToList();
        var requests = columns.Select(c => c.X[^1] - c.X[0]).ToArray();
        var shares = GrowthShares.Estimate(columns.Select(c => c.Scenario).ToList(), design, centred, coefficients, requests);
        var condition = ConditionIndex(design);
        var note = condition <= MaxConditionIndex ? null
            : "bytes per request: the scenarios' request counts are nearly collinear (condition index " +
                $"{condition.ToString("0", CultureInfo.InvariantCulture)} > {MaxConditionIndex.ToString("0", CultureInfo.InvariantCulture)}), so " +
                "the growth cannot be split between them: protocol undetermined";
        return new Outcome(rows, note) { Shares = shares, Separable = condition <= MaxConditionIndex };
    }

    /// <summary>Largest over smallest singular value of the design with each column scaled to unit length.</summary>
    private static double ConditionIndex(double[][] design)
    {
        var matrix = Matrix<double>.Build.DenseOfRowArrays(design);
        for (var j = 0; j < matrix.ColumnCount; j++)
        {
            var norm = matrix.Column(j).L2Norm();
            if (norm > 0) matrix.SetColumn(j, matrix.Column(j) / norm);
        }
        var singular = matrix.Svd(computeVectors: false).S;
        return singular.Minimum() > 0 ? singular.Maximum() / singular.Minimum() : double.PositiveInfinity;
    }

    /// <summary>Proportional request rates over [from, to]: the log of their ratio barely moves.</summary>
    private static bool InLockstep(IReadOnlyList<IntervalRow> intervals, string a, string b, double from, double to)
    {
        // +1 keeps a second where one scenario sent nothing finite (and far from the others).
        var logRatios = intervals.Where(r => r.T >= from && r.T <= to + 0.5)
            .GroupBy(r => Math.Round(r.T))
            .Select(g => (A: g.Where(r => r.Scenario == a).Sum(r => (double)(r.Ok + r.Fail)),
                B: g.Where(r => r.Scenario == b).Sum(r => (double)(r.Ok + r.Fail))))
            .Where(x => x.A + x.B > 0)
            .Select(x => Math.Log((x.A + 1) / (x.B + 1)))
            .ToArray();
        return logRatios.Length < 3 || logRatios.StandardDeviation() < LockstepLogRatioSpread;
    }

    private static Outcome Single(string scenario, double[] x, double[] y, string? note)
    {
        var (intercept, slope) = MathNet.Numerics.Fit.Line(x, y);
        var r2 = GoodnessOfFit.RSquared(x.Select(v => intercept + slope * v), y);
        var shares = slope > 0 ? new[] { new ScenarioShare(scenario, 1, 0, 1) } : [];
        return new Outcome([new RequestRegression(scenario, slope, Sanitize(r2), y.Length)], note) { Shares = shares };
    }

    private static double Sanitize(double r2) => double.IsFinite(r2) ? r2 : 0;

    /// <summary>
    /// The scenario's requests completed by each point's time. An interval row counts the second that
    /// ends at its T, spread evenly over it: points fall between rows (induced GCs, aligned post-GC
    /// readings), and whole-second steps would misplace up to a second of load.
    /// </summary>
    private static double[] Cumulative(IReadOnlyList<IntervalRow> intervals, string scenario, IReadOnlyList<SeriesPoint> at)
    {
        var rows = intervals.Where(r => r.Scenario == scenario).OrderBy(r => r.T).ToList();
        var result = new double[at.Count];
        var i = 0;
        double sum = 0;
        for (var k = 0; k < at.Count; k++)
        {
            for (; i < rows.Count && rows[i].T <= at[k].T; i++) sum += rows[i].Ok + rows[i].Fail;
            var partial = i < rows.Count ? Math.Clamp(at[k].T - (rows[i].T - 1), 0, 1) * (rows[i].Ok + rows[i].Fail) : 0;
            result[k] = sum + partial;
        }
        return result;
    }
}
