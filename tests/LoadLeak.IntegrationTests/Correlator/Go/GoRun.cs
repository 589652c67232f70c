using System.Text.Json;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>One finished run: the CLI's output and its run.json.</summary>
public sealed record GoRun(CliResult Result, JsonElement Root);
