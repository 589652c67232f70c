using System.Text.Json;
using LoadLeak.Engine.Simulations;

namespace LoadLeak.Engine.Api;

/// <summary>
/// A scenario as the user builds it (NBomber's ScenarioProps). Immutable: each With… returns a copy,
/// so a config can override a scenario without mutating what code registered.
/// </summary>
public sealed record ScenarioProps(string Name, Func<IScenarioContext, Task<Response>> Run)
{
    public Func<IScenarioInitContext, Task>? Init { get; init; }
    public Func<IScenarioInitContext, Task>? Clean { get; init; }
    public TimeSpan WarmUpDuration { get; init; } = TimeSpan.Zero;
    public IReadOnlyList<LoadSimulation> LoadSimulations { get; init; } = [];
    /// <summary>Stop the scenario once this many iterations failed; 0 means no limit.</summary>
    public int MaxFailCount { get; init; }
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];
    public JsonElement CustomSettings { get; init; } = EmptyObject;
    /// <summary>NBomber's RestartIterationOnFail (default true): a failed <see cref="Step"/> ends its iteration as failed.</summary>
    public bool RestartIterationOnFail { get; init; } = true;

    /// <summary>
    /// What the scenario speaks, for the reports' protocol column: the catalog's scenarios set "http", "grpc" or
    /// "kafka"; code scenarios are <see cref="CustomProtocol"/> unless <see cref="WithProtocol"/> names one.
    /// </summary>
    public string Protocol { get; init; } = CustomProtocol;

    /// <summary>The protocol of a code scenario that does not name one: its name is not read as a guess.</summary>
    public const string CustomProtocol = "custom";

    public static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public ScenarioProps WithInit(Func<IScenarioInitContext, Task> init) => this with { Init = init };
    public ScenarioProps WithClean(Func<IScenarioInitContext, Task> clean) => this with { Clean = clean };
    public ScenarioProps WithWarmUpDuration(TimeSpan duration) => this with { WarmUpDuration = duration };
    public ScenarioProps WithoutWarmUp() => this with { WarmUpDuration = TimeSpan.Zero };
    public ScenarioProps WithLoadSimulations(params LoadSimulation[] simulations) => this with { LoadSimulations = simulations };
    public ScenarioProps WithMaxFailCount(int count) => this with { MaxFailCount = count };
    public ScenarioProps WithThresholds(params Threshold[] thresholds) => this with { Thresholds = thresholds };
    public ScenarioProps WithRestartIterationOnFail(bool restart) => this with { RestartIterationOnFail = restart };

    /// <summary>
    /// Names what the scenario speaks ("http", "grpc", "kafka", or your own: "redis", "websocket"...): lower-case
    /// letters, digits and '-', '+', '.', at most 32 characters.
    /// </summary>
    public ScenarioProps WithProtocol(string protocol) => this with { Protocol = ProtocolName.Check(protocol) };
}
