using System.Diagnostics;
using System.Globalization;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;

namespace LoadLeak.Bench.Cpu;

/// <summary>
/// The cost of per-step accounting: in one engine run, scenarios one after another alternate between a step-less
/// scenario and one that does the same work wrapped in <see cref="Step.Run"/> (STEPS steps per iteration). CPU time
/// of the process per iteration, over each scenario's measured window; the difference over STEPS is the cost per step.
/// Usage: cpu steps [COPIES=64] [SECONDS=8] [STEPS=10] [PAIRS=2]
/// </summary>
internal static class StepBench
{
    private static readonly Task<Response> Done = Task.FromResult(Response.Ok());

    public static async Task RunAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var (copies, seconds, steps, pairs) = (Arg(1, 64), Arg(2, 8), Arg(3, 10), Arg(4, 2));
        var names = Enumerable.Range(1, steps).Select(i => $"step {i}").ToArray();
        var scenarios = new List<ScenarioProps>();
        for (var pair = 1; pair <= pairs; pair++)
        {
            scenarios.Add(Shape(Scenario.Create($"plain-{pair}", async _ =>
            {
                for (var i = 0; i < names.Length; i++) await Done.ConfigureAwait(false);
                return Response.Ok();
            }), copies, seconds));
            scenarios.Add(Shape(Scenario.Create($"steps-{pair}", async ctx =>
            {
                for (var i = 0; i < names.Length; i++) await Step.Run(names[i], ctx, () => Done).ConfigureAwait(false);
                return Response.Ok();
            }), copies, seconds));
        }
        var observer = new Observer();
        var settings = new EngineSettings(scenarios, TimeSpan.FromSeconds(1), Sequential: true);
        var result = await LoadEngine.RunAsync(settings, new RunClock(), observer, CancellationToken.None);

        var perIteration = scenarios.ToDictionary(s => s.Name, s => observer.MicrosPerIteration(s.Name));
        foreach (var (name, micros) in perIteration) Console.WriteLine(FormattableString.Invariant($"{name,-8} {micros,7:F3} µs CPU/iteration"));
        var plain = perIteration.Where(kv => kv.Key.StartsWith("plain", StringComparison.Ordinal)).Average(kv => kv.Value);
        var stepped = perIteration.Where(kv => kv.Key.StartsWith("steps", StringComparison.Ordinal)).Average(kv => kv.Value);
        var stepStats = result.Scenarios.Where(s => s.Name.StartsWith("steps", StringComparison.Ordinal)).SelectMany(s => s.Steps ?? []).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"steps {steps}, copies {copies}: ratio {stepped / plain:F3} (with steps / without), {(stepped - plain) * 1000 / steps:F1} ns per step; "
            + $"recorded {stepStats.Sum(s => s.Ok)} steps; load {File.ReadAllText("/proc/loadavg").Trim()}"));
    }

    private static ScenarioProps Shape(ScenarioProps props, int copies, int seconds) => props with
    {
        WarmUpDuration = TimeSpan.FromSeconds(2),
        LoadSimulations = [new KeepConstant(copies, TimeSpan.FromSeconds(seconds))],
    };

    /// <summary>CPU time between consecutive ticks, attributed to the scenario whose measured rows the tick carried.</summary>
    private sealed class Observer : IEngineObserver
    {
        private readonly Dictionary<string, (long Iterations, double Micros, int Ticks)> _totals = [];
        private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;

        public void OnPhaseStarted(PhaseRecord phase) { }

        public void OnInterval(IReadOnlyList<IntervalRow> rows)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var micros = (cpu - _lastCpu).TotalMicroseconds;
            _lastCpu = cpu;
            // Only whole steady seconds of one scenario: no warm-up, no boundary, no other scenario in the same tick.
            if (rows.Count != 1 || rows[0].Phase == "warm-up" || rows[0].Rps <= 0) return;
            var row = rows[0];
            var (iterations, total, ticks) = _totals.GetValueOrDefault(row.Scenario);
            // The first steady tick may still hold tier-0 code and the warm-up's tail.
            _totals[row.Scenario] = ticks == 0 ? (0, 0, 1) : (iterations + row.Ok + row.Fail, total + micros, ticks + 1);
        }

        public double MicrosPerIteration(string scenario) =>
            _totals.TryGetValue(scenario, out var t) && t.Iterations > 0 ? t.Micros / t.Iterations : double.NaN;
    }
}
