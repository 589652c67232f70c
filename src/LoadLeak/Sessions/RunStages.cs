namespace LoadLeak.Sessions;

/// <summary>
/// The parts of a run that can be exchanged without touching <see cref="RunSession"/>; <see cref="Local"/>
/// runs everything in this process.
/// </summary>
internal sealed record RunStages
{
    public static readonly RunStages Local = new();

    public IScenarioFactory Scenarios { get; init; } = CatalogScenarioFactory.Instance;
    public ISamplingStage Sampling { get; init; } = LocalSamplingStage.Instance;
    public ILoadStage Load { get; init; } = LocalLoadStage.Instance;
}
