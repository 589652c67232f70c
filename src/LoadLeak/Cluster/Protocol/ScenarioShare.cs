using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>
/// An agent runs share <see cref="Index"/> of <see cref="Of"/> of a scenario's copies or rate; the remainder
/// starts at <see cref="Rotation"/> (see LoadSplitter), so coordinator and agent compute the same split.
/// </summary>
internal sealed record ScenarioShare(string Scenario, int Index, int Of, int Rotation);
