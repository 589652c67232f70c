using System.Text.Json;
using LoadLeak.Results;

namespace LoadLeak.Tests.Results;

/// <summary>run.json's scenarios[].steps: additive, and absent for scenarios without steps (goldens unchanged).</summary>
public class StepStatsJsonTests
{
    private static readonly LatencySummary Latency = new(1, 2, 3, 4, 5, 6, 7, 2.5, 1);

    private static ScenarioStats Stats() =>
        new("flow", 10, 1, 5, 2, Latency, Latency, new Dictionary<string, long>(), [], 0, 0, 0);

    [Fact]
    public void Steps_are_written_with_name_counts_and_latency_and_left_out_when_there_are_none()
    {
        var without = JsonSerializer.SerializeToElement(Stats(), RunDocumentJson.Options);
        var with = JsonSerializer.SerializeToElement(Stats() with { Steps = [new StepStats("login", 10, 1, Latency)] }, RunDocumentJson.Options);

        Assert.False(without.TryGetProperty("steps", out _));
        var step = with.GetProperty("steps").EnumerateArray().Single();
        Assert.Equal(["name", "ok", "fail", "latencyMs"], step.EnumerateObject().Select(p => p.Name));
        Assert.Equal(5, step.GetProperty("latencyMs").GetProperty("p99").GetDouble());
        var back = JsonSerializer.Deserialize<ScenarioStats>(with.GetRawText(), RunDocumentJson.Options)!;
        Assert.Equal("login", back.Steps!.Single().Name);
    }
}
