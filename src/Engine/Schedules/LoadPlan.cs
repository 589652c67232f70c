using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;

namespace LoadLeak.Engine.Schedules;

/// <summary>
/// Turns a scenario's load simulations into its phases: an optional warm-up, then one phase per
/// simulation named "&lt;n&gt; &lt;simulation&gt;", e.g. "1 RampingConstant(100, 00:00:10)".
/// Ramps start from the level the previous simulation ended at; after a Pause that level is 0.
/// </summary>
public static class LoadPlan
{
    public const string WarmUpName = "warm-up";

    /// <summary>NBomber's default when a scenario names no simulation.</summary>
    public static readonly LoadSimulation DefaultSimulation = new KeepConstant(1, TimeSpan.FromMinutes(1));

    /// <exception cref="ConfigException">A simulation value is out of range, or closed and open simulations are mixed.</exception>
    public static IReadOnlyList<PlannedPhase> Build(ScenarioProps props, int seed)
    {
        var simulations = props.LoadSimulations.Count > 0 ? props.LoadSimulations : [DefaultSimulation];
        Validate(props.Name, simulations);
        var open = simulations.Any(s => s.Model == LoadModel.Open);
        var phases = new List<PlannedPhase>();
        if (props.WarmUpDuration > TimeSpan.Zero && WarmUpShape(simulations, props.WarmUpDuration) is { } warmUp)
            phases.Add(Plan(WarmUpName, PhaseKind.WarmUp, warmUp, open, 0, 0, seed));

        int copies = 0;
        double rate = 0;
        for (var i = 0; i < simulations.Count; i++)
        {
            var simulation = simulations[i];
            var kind = simulation is Pause ? PhaseKind.Pause : PhaseKind.Load;
            var phase = Plan($"{i + 1} {simulation.Describe()}", kind, simulation, open, copies, rate, seed + i + 1);
            phases.Add(phase);
            copies = phase.Closed?.TargetCopies ?? 0;
            rate = phase.Open?.EndRatePerSecond ?? 0;
        }
        return phases;
    }

    public static void Validate(string scenario, IReadOnlyList<LoadSimulation> simulations)
    {
        for (var i = 0; i < simulations.Count; i++)
        {
            if (SimulationRules.Check(simulations[i]) is { } problem)
                throw new ConfigException($"scenario '{scenario}': LoadSimulations[{i}] {simulations[i].Describe()}: {problem.Message}");
        }
        if (SimulationRules.FirstMixedModel(simulations) is { } mixed)
            throw new ConfigException(
                $"scenario '{scenario}': LoadSimulations[{mixed}] {simulations[mixed].Describe()}: closed (copies) and open (inject) simulations cannot be mixed in one scenario");
    }

    /// <summary>The warm-up runs the first non-pause simulation's shape, stretched or cut to the warm-up duration.</summary>
    private static LoadSimulation? WarmUpShape(IReadOnlyList<LoadSimulation> simulations, TimeSpan during) =>
        simulations.FirstOrDefault(s => s is not Pause) switch
        {
            RampingConstant r => r with { During = during },
            KeepConstant k => k with { During = during },
            IterationsForConstant i => new KeepConstant(i.Copies, during),
            Inject i => i with { During = during },
            RampingInject r => r with { During = during },
            InjectRandom r => r with { During = during },
            IterationsForInject i => new Inject(i.Rate, i.Interval, during),
            _ => null,
        };

    private static PlannedPhase Plan(string name, PhaseKind kind, LoadSimulation simulation, bool open, int copies, double rate, int seed)
    {
        if (open)
        {
            var schedule = InjectionSchedule.For(simulation, rate, seed);
            return new PlannedPhase(name, kind, simulation, null, schedule, null, schedule.TargetRatePerSecond);
        }
        var closed = ClosedSchedule.For(simulation, copies);
        return new PlannedPhase(name, kind, simulation, closed, null, closed.TargetCopies, null);
    }
}
