using LoadLeak.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.Reliability;

/// <summary>A broker outage injected into the embedded Kafka cluster shows up in the load figures and on the timeline.</summary>
public sealed class KafkaFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_broker_outage_is_on_the_timeline_its_failures_are_counted_and_the_run_completes()
    {
        using var folder = new RunFolder();
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(120), "run",
            "--config", RepoPaths.TestConfig("reliability-kafka-fault.json"), "--out", folder.Path);

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var run = folder.RunJson();
        Assert.Empty(RunAssertions.Events(run, "engine-failed"));
        Assert.Equal("complete", RunAssertions.Status(run));
        var down = Assert.Single(RunAssertions.Events(run, "broker-down")).GetProperty("t").GetDouble();
        var up = Assert.Single(RunAssertions.Events(run, "broker-up")).GetProperty("t").GetDouble();
        Assert.InRange(down, 4.5, 7);
        Assert.InRange(up - down, 3.5, 5.5);

        var rows = run.GetProperty("intervals").EnumerateArray()
            .Select(r => (T: r.GetProperty("t").GetDouble(), Ok: r.GetProperty("ok").GetInt64(), Fail: r.GetProperty("fail").GetInt64(), P99: r.GetProperty("p99").GetDouble()))
            .ToArray();
        foreach (var r in rows) output.WriteLine($"t={r.T:0.0} ok={r.Ok} fail={r.Fail} p99={r.P99:0.0} ms");
        var before = rows.Where(r => r.T < down).ToArray();
        var during = rows.Where(r => r.T > down + 1 && r.T <= up + 1).ToArray();
        Assert.NotEmpty(before);
        Assert.NotEmpty(during);
        Assert.All(before, r => Assert.Equal(0, r.Fail));
        Assert.True(during.Sum(r => r.Fail) > 0, "sends during the outage should fail (message timeout 1.5 s, one broker)");
        Assert.True(rows.Where(r => r.T > up + 2).Sum(r => r.Ok) > 0, "the load should recover once the broker is back");
        var scenario = run.GetProperty("scenarios").EnumerateArray().Single();
        Assert.True(scenario.GetProperty("fail").GetInt64() > 0);
        Assert.False(ProcessTools.IsAlive(folder.Stream.TargetPid()!.Value));
    }
}
