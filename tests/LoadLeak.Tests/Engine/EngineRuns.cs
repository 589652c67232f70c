namespace LoadLeak.Tests.Engine;

/// <summary>
/// Engine runs on virtual time advance it only when every thread of the process is idle, so other tests running
/// beside them would stall them (never fail them); the ones on the system clock should not compete with other
/// tests' load either. So they run one at a time, alone.
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class EngineRuns
{
    public const string Collection = "engine runs";
}
