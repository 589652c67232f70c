using System.Globalization;
using System.Text;

namespace LoadLeak.IntegrationTests.Correlator.Accuracy;

/// <summary>
/// Precision and recall of the verdict over the matrix. A leak mode counts as found only when the
/// verdict is "leak" AND the expected resource (and protocol, where one is expected) is flagged;
/// a clean mode with a "leak" verdict is a false positive. Inconclusive never counts as correct.
/// </summary>
public sealed class MatrixScore
{
    private readonly List<(MatrixCase Case, MatrixOutcome Outcome, bool Correct, double Seconds)> _rows = [];

    public void Add(MatrixCase c, MatrixOutcome outcome, bool correct, double seconds)
    {
        lock (_rows) _rows.Add((c, outcome, correct, seconds));
    }

    public (int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives) Counts()
    {
        lock (_rows)
        {
            var tp = _rows.Count(r => r.Case.IsLeak && r.Correct);
            var fn = _rows.Count(r => r.Case.IsLeak && !r.Correct);
            var fp = _rows.Count(r => !r.Case.IsLeak && r.Outcome.Verdict == "leak");
            var tn = _rows.Count(r => !r.Case.IsLeak && r.Correct);
            return (tp, fp, fn, tn);
        }
    }

    public double Precision
    {
        get
        {
            var c = Counts();
            return c.TruePositives + c.FalsePositives == 0 ? double.NaN : (double)c.TruePositives / (c.TruePositives + c.FalsePositives);
        }
    }

    public double Recall
    {
        get
        {
            var c = Counts();
            return c.TruePositives + c.FalseNegatives == 0 ? double.NaN : (double)c.TruePositives / (c.TruePositives + c.FalseNegatives);
        }
    }

    /// <summary>The README table: mode | expected | verdict | resource | scenario | phase | growth.</summary>
    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| mode | expected | verdict | resource | scenario | phase | growth | confidence | run s |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        lock (_rows)
        {
            foreach (var (c, o, _, seconds) in _rows.OrderBy(r => MatrixCase.All.ToList().IndexOf(r.Case)))
            {
                var flagged = o.Findings.Where(f => f.IsLeak).ToList();
                var shown = (c.Resource is null ? null : o.Finding(c.Resource)) ?? flagged.FirstOrDefault() ?? o.Finding("heap");
                var resources = flagged.Count == 0 ? "—" : string.Join(", ", flagged.Select(f => f.Resource));
                sb.AppendLine($"| {c.Mode} | {(c.IsLeak ? $"leak ({c.Resource}{(c.Scenario is null ? "" : ", " + c.Scenario)})" : "no-leak")} | " +
                    $"{o.Verdict} | " +
                              $"{resources} | {shown?.Scenario ?? "—"} | {shown?.Phase ?? "—"} | {Growth(shown)} | " +
                              $"{(shown is null ? "—" : shown.Confidence.ToString("0.000", CultureInfo.InvariantCulture))} | " +
                                  $"{seconds.ToString("0", CultureInfo.InvariantCulture)} |");
            }
        }
        var (tp, fp, fn, tn) = Counts();
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"TP {tp}, FP {fp}, FN {fn}, TN {tn}: precision {Precision:0.00}, recall {Recall:0.00}");
        AppendMisses(sb);
        return sb.ToString();
    }

    /// <summary>Why each first attempt missed: the retry deletes its run, so this is the only trace a passing build keeps.</summary>
    private void AppendMisses(StringBuilder sb)
    {
        lock (_rows)
        {
            var misses = _rows.Where(r => !r.Correct).ToList();
            if (misses.Count == 0) return;
            sb.AppendLine().AppendLine("First attempts that missed:");
            foreach (var (c, o, _, _) in misses) sb.AppendLine(CultureInfo.InvariantCulture, $"- {c.Mode}: {o.Describe()}");
        }
    }

    private static string Growth(MatrixFinding? f) => f is null ? "—" : f.Resource is "heap" or "rss"
        ? $"{(f.GrowthTotal / (1024 * 1024)).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)} MB"
        : f.GrowthTotal.ToString("+0;-0;0", CultureInfo.InvariantCulture);
}
