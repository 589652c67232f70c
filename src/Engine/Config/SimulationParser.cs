using LoadLeak.Engine.Schedules;
using LoadLeak.Engine.Simulations;

namespace LoadLeak.Engine.Config;

/// <summary>
/// Parses NBomber's <c>LoadSimulationsSettings</c> items, e.g. <c>{ "Inject": [200, "00:00:01", "00:00:20"] }</c>:
/// one property named after the simulation whose array holds its arguments in NBomber's order.
/// </summary>
internal static class SimulationParser
{
    // Argument kinds per simulation: N = whole number, D = duration.
    private static readonly Dictionary<string, (string Args, string Usage)> Shapes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RampingConstant"] = ("ND", "[copies, during]"),
        ["KeepConstant"] = ("ND", "[copies, during]"),
        ["IterationsForConstant"] = ("NN", "[copies, iterations]"),
        ["Inject"] = ("NDD", "[rate, interval, during]"),
        ["RampingInject"] = ("NDD", "[rate, interval, during]"),
        ["InjectRandom"] = ("NNDD", "[minRate, maxRate, interval, during]"),
        ["IterationsForInject"] = ("NDN", "[rate, interval, iterations]"),
        ["Pause"] = ("D", "[during]"),
    };

    public static IReadOnlyList<LoadSimulation> ParseList(ConfigNode list)
    {
        var items = list.Items();
        var simulations = items.Select(Parse).ToList();
        if (SimulationRules.FirstMixedModel(simulations) is { } mixed)
            throw items[mixed].Error(
                $"{simulations[mixed].Describe()} cannot follow {(simulations[mixed].Model == LoadModel.Open ? "closed (copies)" : "open (inject)")} simulations: " +
                "closed and open simulations cannot be mixed in one scenario (Pause goes with both)");
        return simulations;
    }

    public static LoadSimulation Parse(ConfigNode node)
    {
        var properties = node.Properties();
        if (properties.Count != 1)
            throw node.Error($"expected one property naming the simulation (one of {string.Join(", ", Shapes.Keys)}), got {properties.Count}");
        var (name, argsNode) = properties[0];
        if (!Shapes.TryGetValue(name, out var shape))
            throw argsNode.Error($"unknown load simulation '{name}'; known: {string.Join(", ", Shapes.Keys)}");
        var args = argsNode.Items();
        if (args.Count != shape.Args.Length)
            throw argsNode.Error($"{name} takes {shape.Args.Length} values {shape.Usage}, got {args.Count}");

        var simulation = Build(name, args, shape.Args);
        if (SimulationRules.Check(simulation) is { } problem)
            throw args[problem.ArgumentIndex].Error(problem.Message);
        return simulation;
    }

    private static LoadSimulation Build(string name, IReadOnlyList<ConfigNode> args, string kinds)
    {
        var values = args.Select((arg, i) => kinds[i] == 'N' ? (object)arg.Int() : arg.Duration()).ToArray();
        int N(int i) => (int)values[i];
        TimeSpan D(int i) => (TimeSpan)values[i];
        return Shapes.Keys.First(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)) switch
        {
            "RampingConstant" => new RampingConstant(N(0), D(1)),
            "KeepConstant" => new KeepConstant(N(0), D(1)),
            "IterationsForConstant" => new IterationsForConstant(N(0), N(1)),
            "Inject" => new Inject(N(0), D(1), D(2)),
            "RampingInject" => new RampingInject(N(0), D(1), D(2)),
            "InjectRandom" => new InjectRandom(N(0), N(1), D(2), D(3)),
            "IterationsForInject" => new IterationsForInject(N(0), D(1), N(2)),
            _ => new Pause(D(0)),
        };
    }
}
