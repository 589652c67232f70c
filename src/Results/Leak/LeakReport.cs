namespace LoadLeak.Results;

/// <summary>The leak verdict and its evidence.</summary>
public sealed record LeakReport
{
    public LeakVerdict Verdict { get; init; } = LeakVerdict.Inconclusive;
    public IReadOnlyList<LeakFinding> Findings { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
}
