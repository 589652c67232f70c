using System.Text.Json;
using LoadLeak.Engine.Api;

namespace LoadLeak.Engine.Running;

internal sealed record ScenarioInitContext(
    ScenarioInfo ScenarioInfo,
    JsonElement CustomSettings,
    IEngineLog Logger,
    CancellationToken CancellationToken) : IScenarioInitContext;
