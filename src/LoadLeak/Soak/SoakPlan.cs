using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;

namespace LoadLeak.Soak;

/// <summary>Soak mode: hold a steady load for a long time, with periodic retained-heap measurements.</summary>
internal sealed record SoakPlan(TimeSpan Duration, int? Copies, TimeSpan GcEvery)
{
    /// <summary>
    /// Replaces each scenario's simulations by a short ramp and one long hold at the scenario's
    /// peak copies (or --copies); the warm-up stays. Open-model scenarios hold their peak rate.
    /// </summary>
    public EngineSettings Shape(EngineSettings settings) => settings with
    {
        Scenarios = settings.Scenarios.Select(s => s with { LoadSimulations = Hold(s.LoadSimulations) }).ToArray(),
    };

    private LoadSimulation[] Hold(IReadOnlyList<LoadSimulation> simulations)
    {
        var ramp = TimeSpan.FromSeconds(Math.Min(30, Duration.TotalSeconds / 10));
        var rate = simulations.Select(RateOf).Where(r => r is not null).Max();
        if (rate is { } r && Copies is null)
            return [new RampingInject(r.Rate, r.Interval, ramp), new Inject(r.Rate, r.Interval, Duration - ramp)];
        var copies = Copies ?? simulations.Select(CopiesOf).DefaultIfEmpty(10).Max();
        return [new RampingConstant(copies, ramp), new KeepConstant(copies, Duration - ramp)];
    }

    private static int CopiesOf(LoadSimulation s) => s switch
    {
        RampingConstant r => r.Copies,
        KeepConstant k => k.Copies,
        IterationsForConstant i => i.Copies,
        _ => 0,
    };

    private sealed record RateSpec(int Rate, TimeSpan Interval) : IComparable<RateSpec>
    {
        public int CompareTo(RateSpec? other) => (Rate / Interval.TotalSeconds).CompareTo(other is null ? 0 : other.Rate / other.Interval.TotalSeconds);
    }

    private static RateSpec? RateOf(LoadSimulation s) => s switch
    {
        Inject i => new RateSpec(i.Rate, i.Interval),
        RampingInject r => new RateSpec(r.Rate, r.Interval),
        InjectRandom r => new RateSpec(r.MaxRate, r.Interval),
        IterationsForInject i => new RateSpec(i.Rate, i.Interval),
        _ => null,
    };
}
