using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Merging;

/// <summary>
/// The cluster's phases from the agents' (all named as in the config): a phase spans from the first agent's
/// start to the last agent's end, and its copies or rate are the sum of the agents' shares.
/// </summary>
internal static class PhaseMerger
{
    public static IReadOnlyList<PhaseRecord> Merge(IEnumerable<IReadOnlyList<PhaseRecord>> agentsPhases) =>
        agentsPhases.SelectMany(p => p)
            .GroupBy(p => (p.Scenario, p.Name))
            .Select(g => g.First() with
            {
                Start = g.Min(p => p.Start),
                End = g.Max(p => p.End),
                Copies = g.Any(p => p.Copies is not null) ? g.Sum(p => p.Copies ?? 0) : null,
                Rate = g.Any(p => p.Rate is not null) ? g.Sum(p => p.Rate ?? 0) : null,
            })
            .OrderBy(p => p.Start).ThenBy(p => p.Scenario, StringComparer.Ordinal)
            .ToList();
}
