using System.Collections.Concurrent;
using System.Text.Json;
using LoadLeak.Engine.Api;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>Collects what a scenario logs, so Clean's output can be asserted.</summary>
internal sealed class CollectingLog : IEngineLog
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public void Info(string message) => Lines.Enqueue("info: " + message);
    public void Warn(string message) => Lines.Enqueue("warn: " + message);
}

internal sealed class TestInitContext(string scenarioName, JsonElement customSettings, IEngineLog log) : IScenarioInitContext
{
    public ScenarioInfo ScenarioInfo { get; } = new(scenarioName, 0);
    public JsonElement CustomSettings { get; } = customSettings;
    public IEngineLog Logger { get; } = log;
    public CancellationToken CancellationToken => CancellationToken.None;
}

internal sealed class TestStepContext(string scenarioName, long invocation, IEngineLog log, CancellationToken token) : IScenarioContext
{
    public long InvocationNumber { get; } = invocation;
    public ScenarioInfo ScenarioInfo { get; } = new(scenarioName, 0);
    public IEngineLog Logger { get; } = log;
    public CancellationToken CancellationToken { get; } = token;
}

/// <summary>Drives a scenario the way the engine will: Init, Run × N (some concurrently), Clean.</summary>
internal static class ScenarioDriver
{
    public static async Task<IReadOnlyList<Response>> RunAsync(ScenarioProps props, int iterations, int concurrency = 1, CollectingLog? log = null)
    {
        log ??= new CollectingLog();
        var init = new TestInitContext(props.Name, props.CustomSettings, log);
        await props.Init!(init);
        var responses = new ConcurrentBag<Response>();
        long invocation = 0;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(25));
            var workers = Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (Interlocked.Increment(ref invocation) is var n && n <= iterations)
                    responses.Add(await props.Run(new TestStepContext(props.Name, n, log, timeout.Token)));
            });
            await Task.WhenAll(workers);
        }
        finally
        {
            await props.Clean!(init);
        }
        return responses.ToArray();
    }

    /// <summary>One iteration of an already initialised scenario.</summary>
    public static Task<Response> RunOnceAsync(ScenarioProps props) =>
        props.Run(new TestStepContext(props.Name, 1, new CollectingLog(), CancellationToken.None));

    /// <summary>Runs iterations until one is Ok or the time is up (a recovering broker needs a few retries); returns the last.</summary>
    public static async Task<Response> RunUntilOkAsync(ScenarioProps props, TimeSpan within)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await RunOnceAsync(props);
        while (!response.IsOk && watch.Elapsed < within) response = await RunOnceAsync(props);
        return response;
    }
}
