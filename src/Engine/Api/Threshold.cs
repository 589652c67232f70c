using LoadLeak.Results;

namespace LoadLeak.Engine.Api;

/// <summary>
/// A pass/fail check on a scenario's final statistics. <see cref="Description"/> is what the
/// report shows, e.g. "FailRequest.Percent &lt; 5".
/// </summary>
public sealed record Threshold(string Description, Func<ScenarioStats, bool> Check)
{
    public static Threshold Create(string description, Func<ScenarioStats, bool> check) => new(description, check);
}
