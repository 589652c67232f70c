using System.Net.Http.Json;
using System.Text.Json;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// The leak fixtures do what their names say: the leaking ones retain memory in proportion to requests
/// (heap after a full GC), the look-alikes do not. Measured in the real target, driven by the HTTP scenario.
/// </summary>
public sealed class LeakFixtureTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Requests = 4000;

    [Theory]
    [InlineData("static-cache", 1024)]   // 1-4 KB per request
    [InlineData("context-list", 1024)]   // 1 KB body + headers per request
    [InlineData("pending-tasks", 1024)]  // 1 KB state + task, timer and TCS per request
    [InlineData("timers", 512)]          // 512 B state + timer per request
    [InlineData("stale-pool", 1900)]     // 64 KB per 32 requests
    public async Task Leaking_modes_retain_memory_per_request(string mode, int minBytesPerRequest)
    {
        var (growth, _) = await MeasureAsync(mode, Requests);
        Assert.True(growth >= (long)minBytesPerRequest * Requests,
            $"{mode}: retained {growth:N0} B after {Requests} requests, expected ≥ {minBytesPerRequest} B per request");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("sawtooth")]
    [InlineData("grpc-only")]   // driven over HTTP, so it must not leak here
    [InlineData("kafka-only")]
    public async Task Clean_modes_retain_no_memory_per_request(string mode)
    {
        var (growth, _) = await MeasureAsync(mode, Requests);
        // Far below the smallest leak (512 B × 4000 = 2 MB); allows for pools and JIT warming up.
        Assert.True(growth < 1_000_000, $"{mode}: retained {growth:N0} B after {Requests} requests");
    }

    [Fact]
    public async Task Threads_mode_adds_a_thread_per_thousand_requests()
    {
        var (_, threads) = await MeasureAsync("threads", 10_000);
        // 10 leaked workers; a clean run gains 0-4 pool threads, and at most one pool thread retires this fast.
        Assert.True(threads >= 9, $"threads grew by {threads}");
    }

    [Fact]
    public async Task Bounded_cache_fills_to_its_cap_then_plateaus()
    {
        using var target = await TargetProcess.StartAsync("--leak", "bounded-cache");
        var props = HttpScenario(target);
        await DriveAsync(props, 1000);
        var empty = await RetainedAsync(target);
        await DriveAsync(props, 24_000); // past the 20,000-entry cap
        var full = await RetainedAsync(target);
        await DriveAsync(props, 6_000);
        var later = await RetainedAsync(target);
        output.WriteLine($"bounded-cache: {empty.HeapBytes:N0} -> {full.HeapBytes:N0} (full) -> {later.HeapBytes:N0} B after 6,000 more");
        Assert.True(full.HeapBytes - empty.HeapBytes > 15_000_000, "the cache should have filled");
        Assert.True(Math.Abs(later.HeapBytes - full.HeapBytes) < 1_000_000, "a full bounded cache must not grow");
    }

    [Fact]
    public async Task One_time_allocation_is_a_step_not_a_slope()
    {
        using var target = await TargetProcess.StartAsync("--leak", "one-time");
        var props = HttpScenario(target);
        await DriveAsync(props, 1000);
        var before = await RetainedAsync(target);
        await DriveAsync(props, Requests);
        var after = await RetainedAsync(target);
        output.WriteLine($"one-time: {before.HeapBytes:N0} -> {after.HeapBytes:N0} B over {Requests} requests");
        Assert.True(before.HeapBytes > 64L * 1024 * 1024, "the one-time table should be allocated by the first requests");
        Assert.True(after.HeapBytes - before.HeapBytes < 1_000_000);
    }

    private static Engine.Api.ScenarioProps HttpScenario(TargetProcess target) =>
        ScenarioCatalog.Create("http", JsonDocument.Parse("""{"MaxConnections":8}""").RootElement.Clone(), new ScenarioEnvironment(target.Placeholders, null));

    private static async Task DriveAsync(Engine.Api.ScenarioProps props, int requests)
    {
        var responses = await ScenarioDriver.RunAsync(props, iterations: requests, concurrency: 8);
        Assert.All(responses, r => Assert.True(r.IsOk, r.Message));
    }

    private async Task<(long GrowthBytes, int ThreadGrowth)> MeasureAsync(string mode, int requests)
    {
        using var target = await TargetProcess.StartAsync(mode == "none" ? [] : ["--leak", mode]);
        var props = HttpScenario(target);
        await DriveAsync(props, 1000); // warm-up: JIT, pools, connections
        var before = await RetainedAsync(target);
        await DriveAsync(props, requests);
        var after = await RetainedAsync(target);
        output.WriteLine($"{mode}: {requests} requests, heap after full GC {before.HeapBytes:N0} -> {after.HeapBytes:N0} B " +
            $"({(after.HeapBytes - before.HeapBytes) / (double)requests:F0} B/request), threads {before.Threads} -> {after.Threads}");
        return (after.HeapBytes - before.HeapBytes, after.Threads - before.Threads);
    }

    private static async Task<(long HeapBytes, int Threads)> RetainedAsync(TargetProcess target)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var json = await client.GetFromJsonAsync<JsonElement>(target.HttpBase + "/api/debug/retained");
        return (json.GetProperty("heapBytesAfterFullGc").GetInt64(), json.GetProperty("threads").GetInt32());
    }
}
