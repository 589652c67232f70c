using System.Globalization;
using System.Text.RegularExpressions;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Engine.Config;

/// <summary>
/// Parses NBomber's <c>ThresholdSettings</c>, e.g.
/// <c>[ { "OkRequest": { "RPS": "&gt; 10" } }, { "FailRequest": { "Percent": "&lt; 5" } }, { "OkLatency": { "p99": "&lt; 500" } } ]</c>.
/// Latency thresholds (ms) check the corrected latency, which is what users of the service feel.
/// </summary>
internal static partial class ThresholdParser
{
    private static readonly Dictionary<string, Dictionary<string, Func<ScenarioStats, double>>> Metrics = new(StringComparer.OrdinalIgnoreCase)
    {
        ["OkRequest"] = Group(("RPS", s => Rate(s, s.Ok)), ("Percent", s => s.Total == 0 ? 0 : 100.0 - s.FailPercent), ("Count", s => s.Ok)),
        ["FailRequest"] = Group(("RPS", s => Rate(s, s.Fail)), ("Percent", s => s.FailPercent), ("Count", s => s.Fail)),
        ["OkLatency"] = Group(
            ("p50", s => s.Latency.P50), ("p75", s => s.Latency.P75), ("p90", s => s.Latency.P90), ("p95", s => s.Latency.P95),
            ("p99", s => s.Latency.P99), ("p999", s => s.Latency.P999), ("p99.9", s => s.Latency.P999),
            ("Max", s => s.Latency.Max), ("Mean", s => s.Latency.Mean), ("StdDev", s => s.Latency.StdDev)),
    };

    public static IReadOnlyList<Threshold> ParseList(ConfigNode list) =>
        list.Items().SelectMany(Parse).ToList();

    private static IEnumerable<Threshold> Parse(ConfigNode item)
    {
        foreach (var (groupName, groupNode) in item.Properties())
        {
            if (!Metrics.TryGetValue(groupName, out var group))
                throw groupNode.Error($"unknown threshold metric '{groupName}'; known: {string.Join(", ", Metrics.Keys)}");
            foreach (var (statName, conditionNode) in groupNode.Properties())
            {
                if (!group.TryGetValue(statName, out var read))
                    throw conditionNode.Error($"unknown threshold metric '{groupName}.{statName}'; known: {string.Join(", ", group.Keys.Select(k => $"{groupName}.{k}"))}");
                yield return Build($"{Canonical(Metrics.Keys, groupName)}.{Canonical(group.Keys, statName)}", read, conditionNode);
            }
        }
    }

    private static Threshold Build(string metric, Func<ScenarioStats, double> read, ConfigNode conditionNode)
    {
        var text = conditionNode.String();
        var match = ConditionPattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var limit))
            throw conditionNode.Error($"expected a condition like \"< 500\" (operators > >= < <= == !=), got \"{text}\"");
        var op = match.Groups[1].Value;
        Func<double, bool> test = op switch
        {
            ">" => v => v > limit,
            ">=" => v => v >= limit,
            "<" => v => v < limit,
            "<=" => v => v <= limit,
            "==" => v => v == limit,
            _ => v => v != limit,
        };
        return Threshold.Create($"{metric} {op} {limit.ToString(CultureInfo.InvariantCulture)}", stats => test(read(stats)));
    }

    private static double Rate(ScenarioStats stats, long count) => stats.DurationSeconds > 0 ? count / stats.DurationSeconds : 0;

    private static string Canonical(IEnumerable<string> keys, string name) =>
        keys.First(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, Func<ScenarioStats, double>> Group(params (string Name, Func<ScenarioStats, double> Read)[] stats) =>
        stats.ToDictionary(s => s.Name, s => s.Read, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\s*(>=|<=|==|!=|>|<)\s*([-+]?\d+(?:\.\d+)?)\s*%?\s*$")]
    private static partial Regex ConditionPattern();
}
