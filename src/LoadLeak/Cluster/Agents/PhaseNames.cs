using System.Globalization;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Agents;

/// <summary>
/// An agent's phases are named after its share ("2 KeepConstant(3, …)"), the cluster's after the config
/// ("2 KeepConstant(10, …)"); the leading step number maps one to the other, so merged rows keep the
/// config's names.
/// </summary>
internal static class PhaseNames
{
    public static string Original(string agentPhase, IReadOnlyList<LoadSimulation> original)
    {
        var space = agentPhase.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !int.TryParse(agentPhase.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var step))
            return agentPhase;
        return step >= 1 && step <= original.Count ? $"{step} {original[step - 1].Describe()}" : agentPhase;
    }
}
