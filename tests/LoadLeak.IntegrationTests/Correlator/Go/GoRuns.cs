using System.Text.Json;
using LoadLeak.IntegrationTests.Infrastructure;
using LoadLeak.IntegrationTests.Scenarios;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>
/// The four full `loadleak run`s of <see cref="GoRunTests"/>, started at once when the class starts. Each is
/// ~45 s of wall clock at 400 req/s against a Go target (a few % of a core each), so side by side they cost the
/// CI one run's time instead of four; each test awaits its own run and asserts what it asserted alone.
/// </summary>
public sealed class GoRuns : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);
    private readonly List<Task> _all = [];

    public Task<GoRun> Goroutine { get; private set; } = null!;
    public Task<GoRun> Map { get; private set; } = null!;
    public Task<GoRun> Clean { get; private set; } = null!;
    public Task<GoRun> Remote { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // Without Go (and outside CI) the tests are skipped: start nothing.
        if (GoToolchain.Go is null && !ExternalTools.IsCi) return Task.CompletedTask;
        Goroutine = Start(() => LaunchedAsync("-mode goroutine -leak-every 50", "--snapshots"));
        Map = Start(() => LaunchedAsync("-mode map"));
        Clean = Start(() => LaunchedAsync("-mode clean"));
        Remote = Start(RemoteAsync);
        return Task.CompletedTask;
    }

    /// <summary>Every run ends (its processes gone) before the class is done, whether or not its test awaited it.</summary>
    public async Task DisposeAsync()
    {
        try { await Task.WhenAll(_all); }
        catch (Exception) { /* each test reports its own run's failure */ }
    }

    private Task<GoRun> Start(Func<Task<GoRun>> run)
    {
        var task = Task.Run(run);
        _all.Add(task);
        return task;
    }

    private static async Task<GoRun> LaunchedAsync(string flags, params string[] args)
    {
        var binary = await GoToolchain.GoLeakyAsync();
        return await RunAsync(RepoPaths.TestConfig("go-short.json"), ["--target-cmd", $"{binary} -port {{port}} {flags}", .. args]);
    }

    private static async Task<GoRun> RemoteAsync()
    {
        using var service = await GoLeakyProcess.StartAsync("goroutine", "-metrics", "-leak-every", "50");
        var config = Path.Combine(Path.GetTempPath(), $"go-remote-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, File.ReadAllText(RepoPaths.TestConfig("go-short.json")).Replace("{port}", service.Port.ToString()));
        try
        {
            return await RunAsync(config, "--target-metrics", service.MetricsUrl.ToString(),
                "--target-metric", "go_memstats_heap_alloc_bytes", "--snapshots");
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static async Task<GoRun> RunAsync(string config, params string[] args)
    {
        var outDir = Path.Combine(Path.GetTempPath(), "loadleak-it-" + Guid.NewGuid().ToString("N"));
        var result = await CliProcess.RunAsync(Limit, ["run", "--config", config, "--out", outDir, .. args]);
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json"))).RootElement.Clone();
        Directory.Delete(outDir, recursive: true);
        return new GoRun(result, root);
    }
}
