using LoadLeak.Engine.Running;
using LoadLeak.Engine.Schedules;

namespace LoadLeak.Cluster.Running;

/// <summary>
/// When each scenario's phases start on the cluster's clock, from the plan: every agent starts its engine at the
/// cluster's zero, so a phase's start is the sum of the planned lengths before it (and of the earlier scenarios'
/// when they run one after another). The schedule stops at a phase that runs until its iterations are done.
/// </summary>
internal sealed class PhaseSchedule
{
    private readonly List<(string Scenario, PlannedPhase Phase, double Start)> _starts = [];
    private readonly Dictionary<(string Scenario, string Phase), PlannedPhase> _planned = [];

    public PhaseSchedule(EngineSettings settings)
    {
        double sequentialStart = 0;
        foreach (var props in settings.Scenarios)
        {
            var start = settings.Sequential ? sequentialStart : 0;
            double? next = start;
            foreach (var phase in LoadPlan.Build(props, 0))
            {
                _planned[(props.Name, phase.Name)] = phase;
                if (next is not { } at) continue;
                _starts.Add((props.Name, phase, at));
                next = phase.Duration is { } d ? at + d.TotalSeconds : null;
            }
            if (next is null && settings.Sequential) break;
            sequentialStart = next ?? sequentialStart;
        }
    }

    /// <summary>A scenario's planned phase by name, placed or not.</summary>
    public bool TryGet(string scenario, string phase, out PlannedPhase planned) => _planned.TryGetValue((scenario, phase), out planned!);

    /// <summary>The planned phases that have started by <paramref name="now"/>, in order.</summary>
    public IEnumerable<(string Scenario, PlannedPhase Phase, double Start)> StartedBy(double now) =>
        _starts.Where(s => s.Start <= now);
}
