using LoadLeak.Engine.Api;
using LoadLeak.Engine.Simulations;

namespace LoadLeak.Engine.Config;

/// <summary>
/// Shrinks or stretches a scenario in time (e.g. a 10-minute soak config run for 30 s in CI):
/// warm-up and every During scale; intervals, rates, copies and iteration counts do not.
/// </summary>
internal static class DurationScaling
{
    public static ScenarioProps Scale(ScenarioProps props, double factor)
    {
        if (factor == 1) return props;
        return props with
        {
            WarmUpDuration = Scale(props.WarmUpDuration, factor),
            LoadSimulations = props.LoadSimulations.Select(s => Scale(s, factor)).ToList(),
        };
    }

    public static LoadSimulation Scale(LoadSimulation simulation, double factor) => simulation switch
    {
        RampingConstant r => r with { During = Scale(r.During, factor) },
        KeepConstant k => k with { During = Scale(k.During, factor) },
        Inject i => i with { During = Scale(i.During, factor) },
        RampingInject r => r with { During = Scale(r.During, factor) },
        InjectRandom r => r with { During = Scale(r.During, factor) },
        Pause p => p with { During = Scale(p.During, factor) },
        _ => simulation,
    };

    private static TimeSpan Scale(TimeSpan span, double factor) =>
        span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)Math.Round(span.Ticks * factor)));
}
