using LoadLeak.Engine.Simulations;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Planning;

/// <summary>
/// Splits a scenario's load across the agents that run it: every simulation's copies (closed model) or rate
/// (open model) and iteration counts are divided so the shares add up exactly to the original. The
/// remainder goes one unit each to consecutive agents starting at <c>rotation</c> (the scenario's index),
/// so small loads of several scenarios spread over different agents, deterministically. Durations and
/// intervals stay, so every agent runs the same phases at the same times.
/// </summary>
internal static class LoadSplitter
{
    /// <summary>An agent's stand-in for an iterations-bound step it has no share of.</summary>
    public static readonly TimeSpan IdleStep = TimeSpan.FromMilliseconds(1);

    /// <summary>Agent <paramref name="index"/>'s part of a whole unit count.</summary>
    public static int Part(int total, int index, int agents, int rotation)
    {
        if (agents <= 0) throw new ArgumentOutOfRangeException(nameof(agents), "at least one agent");
        if (index < 0 || index >= agents) throw new ArgumentOutOfRangeException(nameof(index));
        var remainder = total % agents;
        var position = ((index - rotation) % agents + agents) % agents;
        return total / agents + (position < remainder ? 1 : 0);
    }

    /// <summary>Agent <paramref name="index"/>'s simulations, one per original simulation, in order.</summary>
    public static IReadOnlyList<LoadSimulation> Share(IReadOnlyList<LoadSimulation> simulations, int index, int agents, int rotation) =>
        simulations.Select(s => Share(s, index, agents, rotation)).ToList();

    /// <summary>Whether agent <paramref name="index"/> gets any load of these simulations at all.</summary>
    public static bool HasLoad(IReadOnlyList<LoadSimulation> simulations, int index, int agents, int rotation) =>
        Share(simulations, index, agents, rotation).Any(s => s is not Pause);

    private static LoadSimulation Share(LoadSimulation simulation, int index, int agents, int rotation)
    {
        int P(int total) => Part(total, index, agents, rotation);
        return simulation switch
        {
            RampingConstant r => r with { Copies = P(r.Copies) },
            KeepConstant k => P(k.Copies) is > 0 and var copies ? k with { Copies = copies } : new Pause(k.During),
            IterationsForConstant i => IterationsForConstant(i, index, agents, rotation),
            Inject i => P(i.Rate) is > 0 and var rate ? i with { Rate = rate } : new Pause(i.During),
            RampingInject r => r with { Rate = P(r.Rate) },
            InjectRandom r => P(r.MaxRate) is > 0 and var max ? r with { MinRate = Math.Min(P(r.MinRate), max), MaxRate = max } : new Pause(r.During),
            IterationsForInject i => IterationsForInject(i, index, agents, rotation),
            _ => simulation,
        };
    }

    /// <summary>Only agents with copies take iterations (split among them); the others idle through the step.</summary>
    private static LoadSimulation IterationsForConstant(IterationsForConstant step, int index, int agents, int rotation)
    {
        var copies = Part(step.Copies, index, agents, rotation);
        if (copies == 0) return new Pause(IdleStep);
        var working = Math.Min(agents, step.Copies);
        var iterations = Part(step.Iterations, WorkingIndex(index, agents, rotation), working, 0);
        return iterations > 0 ? step with { Copies = copies, Iterations = iterations } : new Pause(IdleStep);
    }

    private static LoadSimulation IterationsForInject(IterationsForInject step, int index, int agents, int rotation)
    {
        var rate = Part(step.Rate, index, agents, rotation);
        if (rate == 0) return new Pause(IdleStep);
        var working = Math.Min(agents, step.Rate);
        var iterations = Part(step.Iterations, WorkingIndex(index, agents, rotation), working, 0);
        return iterations > 0 ? step with { Rate = rate, Iterations = iterations } : new Pause(IdleStep);
    }

    /// <summary>
    /// The position of an agent among those that got a unit of a count smaller than the agent count (they are the
    /// first positions after the rotation) or among all agents when every agent got some.
    /// </summary>
    private static int WorkingIndex(int index, int agents, int rotation) => ((index - rotation) % agents + agents) % agents;
}
