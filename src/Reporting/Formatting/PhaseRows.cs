using LoadLeak.Results;

namespace LoadLeak.Reporting.Formatting;

/// <summary>Folds the per-scenario phase and attribution records into one <see cref="PhaseRow"/> per phase.</summary>
internal static class PhaseRows
{
    /// <summary>Attribution windows are matched to a phase of the same name starting within this many seconds.</summary>
    private const double MatchSeconds = 1;

    public static IReadOnlyList<PhaseRow> Of(RunDocument doc)
    {
        var phases = doc.Phases.GroupBy(p => (p.Name, p.Start, p.End)).OrderBy(g => g.Key.Start).ToList();
        var attributions = doc.Attribution.GroupBy(a => (a.Phase, a.Start, a.End)).ToList();
        var matched = new HashSet<int>();
        var rows = new List<PhaseRow>();
        foreach (var group in phases)
        {
            var index = -1;
            for (var i = 0; i < attributions.Count && index < 0; i++)
                if (!matched.Contains(i) && attributions[i].Key.Phase == group.Key.Name
                    && Math.Abs(attributions[i].Key.Start - group.Key.Start) <= MatchSeconds)
                    index = i;
            if (index >= 0) matched.Add(index);
            var attribution = index >= 0 ? attributions[index].ToList() : [];
            rows.Add(new PhaseRow(group.Key.Name, group.First().Kind, group.Key.Start, group.Key.End, group.ToList(),
                Requests(attribution), attribution.FirstOrDefault()));
        }
        // Attribution for a phase the document does not list (an older run.json): a row of its own.
        rows.AddRange(attributions.Where((_, i) => !matched.Contains(i)).Select(a => new PhaseRow(a.Key.Phase, null, a.Key.Start,
            a.Key.End, [], Requests(a.ToList()), a.First())));
        return rows.OrderBy(r => r.Start).ToList();
    }

    /// <summary>Every scenario that ran a phase or was attributed requests in one, in order of first appearance.</summary>
    public static IReadOnlyList<string> Scenarios(RunDocument doc) =>
        doc.Phases.Select(p => p.Scenario).Concat(doc.Attribution.Select(a => a.Scenario)).Distinct().ToList();

    private static Dictionary<string, long> Requests(List<PhaseAttribution> attribution) =>
        attribution.GroupBy(a => a.Scenario).ToDictionary(g => g.Key, g => g.Sum(a => a.Requests));
}
