using LoadLeak.Cluster.Planning;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Engine;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Config;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;
using LoadLeak.Results;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.Cluster.Agents;

/// <summary>
/// Turns an assignment into engine settings exactly as a local run builds them (the same config reading,
/// overrides and duration scaling), keeping only the agent's scenarios with their simulations split to its share.
/// </summary>
internal static class AgentPlanBuilder
{
    /// <exception cref="ConfigException">The config or a scenario's settings are invalid here.</exception>
    public static AgentPlan Build(Assignment assignment, IEngineLog log)
    {
        var config = NBomberConfig.Parse(assignment.ConfigJson, assignment.ConfigSource);
        var environment = new ScenarioEnvironment(assignment.Placeholders, assignment.KafkaBootstrap);
        var shares = assignment.Shares.ToDictionary(s => s.Scenario, StringComparer.Ordinal);
        foreach (var share in assignment.Shares)
        {
            if (config.Scenarios.All(s => s.ScenarioName != share.Scenario))
                throw new ConfigException($"{assignment.ConfigSource}: assigned scenario '{share.Scenario}' is not in the config");
        }
        // Only assigned scenarios are built (a scenario may need what this host lacks); the others are never run.
        var all = config.ToEngineSettings(
            c => shares.ContainsKey(c.ScenarioName)
                ? ScenarioCatalog.Create(c.ScenarioName, c.CustomSettings, environment)
                : new ScenarioProps(c.ScenarioName, _ => throw new InvalidOperationException("not assigned to this agent")),
            assignment.DurationScale);
        var original = new Dictionary<string, IReadOnlyList<Engine.Simulations.LoadSimulation>>(StringComparer.Ordinal);
        var mine = new List<ScenarioProps>();
        foreach (var props in all.Scenarios)
        {
            if (!shares.TryGetValue(props.Name, out var share)) continue;
            var simulations = props.LoadSimulations.Count > 0 ? props.LoadSimulations : [LoadPlan.DefaultSimulation];
            original[props.Name] = simulations;
            mine.Add(props with { LoadSimulations = LoadSplitter.Share(simulations, share.Index, share.Of, share.Rotation) });
        }
        if (shares.Keys.FirstOrDefault(name => !original.ContainsKey(name)) is { } missing)
            throw new ConfigException($"{assignment.ConfigSource}: assigned scenario '{missing}' is not among the config's TargetScenarios");
        return new AgentPlan(all with { Scenarios = mine, Log = log }, original);
    }
}
