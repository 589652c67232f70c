namespace LoadLeak.Engine.Scenarios;

/// <summary>
/// A pass/fail check on a scenario's final statistics. <see cref="Description"/> is what the
/// report shows, e.g. "FailRequest.Percent &lt; 5".
/// </summary>
public sealed record Threshold(string Description, Func<Stats.ScenarioStats, bool> Check)
{
    public static Threshold Create(string description, Func<Stats.ScenarioStats, bool> check) => new(description, check);
}
