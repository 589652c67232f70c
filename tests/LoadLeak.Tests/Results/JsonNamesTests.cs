using LoadLeak.Results;

namespace LoadLeak.Tests.Results;

/// <summary>Every state's spelling in run.json, stream.jsonl and compare.json: users' scripts match on these strings.</summary>
public sealed class JsonNamesTests
{
    [Fact]
    public void States_are_spelt_as_run_json_always_spelt_them()
    {
        Assert.Equal(["complete", "partial", "interrupted", "target-died", "failed", "guarded"], JsonNames.All<RunStatus>());
        Assert.Equal(["warmup", "load", "pause"], JsonNames.All<PhaseKind>());
        Assert.Equal(["leak", "no-leak", "inconclusive"], JsonNames.All<LeakVerdict>());
        Assert.Equal(["heap", "rss", "threads", "timers", "fds", "goroutines", "thread-pool-threads"], JsonNames.All<LeakResource>());
        Assert.Equal(["higher", "lower"], JsonNames.All<Better>());
        Assert.Equal(["auto", "configured"], JsonNames.All<ClientSelection>());
        Assert.Equal(["significant", "within-noise", "unknown-noise", "n/a"], JsonNames.All<ComparisonVerdict>());
        Assert.Equal(["better", "worse", "within-noise", "unknown-noise", "n/a"], JsonNames.All<ComparisonOutcome>());
        Assert.Equal(
            ["target-died", "target-exited", "interrupted", "engine-failed", "counter-gap", "counter-resumed", "counter-session-ended",
             "broker-down", "broker-up", "fault-failed", "endpoint-failed", "endpoint-resumed",
             "agent-lost", "probe-lost", "nats-disconnected", "nats-reconnected", "retained-missing", "guarded"],
            JsonNames.All<EventKind>());
    }

    [Fact]
    public void The_serialiser_writes_and_reads_the_same_spelling()
    {
        var e = new TimelineEvent(1, EventKind.CounterSessionEnded, "m");
        var json = System.Text.Json.JsonSerializer.Serialize(e, RunDocumentJson.Options);

        Assert.Contains("\"kind\": \"counter-session-ended\"", json);
        Assert.Equal(e, System.Text.Json.JsonSerializer.Deserialize<TimelineEvent>(json, RunDocumentJson.Options));
        Assert.Equal("n/a", ComparisonVerdict.NotApplicable.ToJsonName());
    }
}
