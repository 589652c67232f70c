using LoadLeak.Engine.Api;
using LoadLeak.Engine.Stats;
using LoadLeak.Results;

namespace LoadLeak.Engine.Running;

/// <summary>Evaluates a scenario's thresholds on its final stats; a check that throws fails with its message.</summary>
internal static class ThresholdChecker
{
    public static IReadOnlyList<ThresholdResult> Check(ScenarioProps props, ScenarioStats stats) =>
        props.Thresholds.Select(threshold =>
        {
            try
            {
                return new ThresholdResult(props.Name, threshold.Description, threshold.Check(stats));
            }
            catch (Exception e)
            {
                return new ThresholdResult(props.Name, threshold.Description, false, e.Message);
            }
        }).ToList();
}
