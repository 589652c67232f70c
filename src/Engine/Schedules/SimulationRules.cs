using LoadLeak.Engine.Simulations;

namespace LoadLeak.Engine.Schedules;

/// <summary>A problem with one argument of a load simulation; ArgumentIndex is its position in NBomber's JSON array.</summary>
internal sealed record SimulationProblem(int ArgumentIndex, string Message);

/// <summary>
/// The value rules of NBomber's load simulations, shared by the JSON config (which adds the JSON path)
/// and the engine (which checks what C# code built).
/// Ramps may target 0 (ramping down); steady shapes need a positive level.
/// </summary>
internal static class SimulationRules
{
    public static SimulationProblem? Check(LoadSimulation simulation) => simulation switch
    {
        RampingConstant r => NonNegative(0, "copies", r.Copies) ?? Positive(1, "during", r.During),
        KeepConstant k => Positive(0, "copies", k.Copies) ?? Positive(1, "during", k.During),
        IterationsForConstant i => Positive(0, "copies", i.Copies) ?? Positive(1, "iterations", i.Iterations),
        Inject i => Positive(0, "rate", i.Rate) ?? Positive(1, "interval", i.Interval) ?? Positive(2, "during", i.During),
        RampingInject r => NonNegative(0, "rate", r.Rate) ?? Positive(1, "interval", r.Interval) ?? Positive(2, "during", r.During),
        InjectRandom r => NonNegative(0, "minRate", r.MinRate)
                          ?? (r.MaxRate < r.MinRate || r.MaxRate <= 0
                              ? new SimulationProblem(1, $"maxRate must be > 0 and >= minRate ({r.MinRate}), got {r.MaxRate}")
                              : null)
                          ?? Positive(2, "interval", r.Interval) ?? Positive(3, "during", r.During),
        IterationsForInject i => Positive(0, "rate", i.Rate) ?? Positive(1, "interval", i.Interval) ?? Positive(2, "iterations", i.Iterations),
        Pause p => Positive(0, "during", p.During),
        _ => new SimulationProblem(0, $"unknown load simulation {simulation.GetType().Name}"),
    };

    /// <summary>
    /// A scenario is either closed (copies) or open (injection); Pause goes with both.
    /// Returns the index of the first simulation that breaks the model set by an earlier one.
    /// </summary>
    public static int? FirstMixedModel(IReadOnlyList<LoadSimulation> simulations)
    {
        LoadModel? model = null;
        for (var i = 0; i < simulations.Count; i++)
        {
            var current = simulations[i].Model;
            if (current == LoadModel.Pause) continue;
            if (model is { } m && m != current) return i;
            model = current;
        }
        return null;
    }

    private static SimulationProblem? Positive(int index, string name, long value) =>
        value > 0 ? null : new SimulationProblem(index, $"{name} must be > 0, got {value}");

    private static SimulationProblem? NonNegative(int index, string name, long value) =>
        value >= 0 ? null : new SimulationProblem(index, $"{name} must be >= 0, got {value}");

    private static SimulationProblem? Positive(int index, string name, TimeSpan value) =>
        value > TimeSpan.Zero ? null : new SimulationProblem(index, $"{name} must be > 00:00:00, got {value:c}");
}
