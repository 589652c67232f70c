using LoadLeak.Cluster.Planning;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Coordinator;

/// <summary>
/// Decides which agent runs which share of which scenario: a scenario is split across every agent whose group
/// targets it, agents ordered by id; the scenario's position in the run is the remainder's rotation.
/// </summary>
internal static class ShareAllocator
{
    /// <param name="scenarios">The run's target scenarios, in config order.</param>
    public static IReadOnlyDictionary<string, IReadOnlyList<ScenarioShare>> Allocate(ClusterSettings settings,
        IReadOnlyList<(string Id, string Group)> agents, IReadOnlyList<string> scenarios)
    {
        var ordered = agents.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var shares = ordered.ToDictionary(a => a.Id, _ => new List<ScenarioShare>(), StringComparer.Ordinal);
        for (var s = 0; s < scenarios.Count; s++)
        {
            var scenario = scenarios[s];
            var runners = ordered.Where(a => settings.GroupsOf(a.Group).Any(g => g.TargetScenarios.Contains(scenario))).ToList();
            for (var i = 0; i < runners.Count; i++) shares[runners[i].Id].Add(new ScenarioShare(scenario, i, runners.Count, s));
        }
        return shares.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<ScenarioShare>)kv.Value, StringComparer.Ordinal);
    }
}
