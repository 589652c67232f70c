using System.Globalization;
using LoadLeak.Cli;
using LoadLeak.Scenarios.Settings;
using LoadLeak.Sessions;
using LoadLeak.Targets;

namespace LoadLeak.Commands;

/// <summary>
/// `run --dry-run`: builds every scenario exactly as a run would (so every config error surfaces)
/// and prints the planned phases, without launching, connecting or writing anything.
/// </summary>
internal static class PlanPrinter
{
    public static void Print(IUserConsole console, RunPlan plan, IScenarioFactory scenarios)
    {
        var placeholders = new Placeholders().WithFreePorts().Set("kafka", "127.0.0.1:9092");
        var environment = new ScenarioEnvironment(placeholders.Values, "127.0.0.1:9092");
        var settings = plan.BuildEngineSettings(scenarios, environment);
        console.Info($"config {plan.ConfigLabel}: {settings.Scenarios.Count} scenario(s), " +
                     (settings.Sequential ? "one after another" : "concurrently") +
                     $", duration scale {plan.DurationScale.ToString(CultureInfo.InvariantCulture)}");
        foreach (var scenario in settings.Scenarios)
        {
            console.Info($"  {scenario.Name}: warm-up {scenario.WarmUpDuration:c}");
            foreach (var simulation in scenario.LoadSimulations)
                console.Info($"    {simulation.Describe()}");
        }
        if (plan.Soak is null && CoolDownPlan.Warning(settings, plan.LeakOptions) is { } coolDown) console.Warn(coolDown);
        console.Info(plan.Target switch
        {
            TargetSpec.Attach a => $"target: attach to pid {a.Pid}",
            TargetSpec.Launch l => $"target: {l.CommandTemplate}",
            TargetSpec.Remote r => $"target: {r.Description}",
            _ => "target: ?",
        });
        if (plan.ReadyUrl is not null) console.Info($"readiness: {plan.ReadyUrl}");
        var guard = plan.Options.Guard;
        var ceiling = guard.MaxTargetBytes is { } max ? Guard.ByteSize.Format(max) : $"{guard.LimitFraction:P0} of the target's limit";
        console.Info(guard.Enabled
            ? $"memory guard: stops the load above {ceiling} or when memory is forecast to run out before the end + {guard.ForecastMargin:c}"
            : "memory guard: off");
        console.Info($"reports: {plan.OutDir}");
    }
}
