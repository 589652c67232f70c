using LoadLeak.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>A broker outage injected into the embedded Kafka cluster shows up in the load figures and on the timeline.</summary>
public sealed class KafkaFaultTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("reliability-kafka-fault.json")]
    [InlineData("reliability-kafka-fault-native.json")] // Producer: native
    public async Task A_broker_outage_is_on_the_timeline_its_failures_are_counted_and_the_run_completes(string config)
    {
        using var folder = new RunFolder();
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(120), "run",
            "--config", RepoPaths.TestConfig(config), "--out", folder.Path);

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var run = folder.RunJson();
        Assert.Empty(RunAssertions.Events(run, "engine-failed"));
        Assert.Equal("complete", RunAssertions.Status(run));
        var rows = run.GetProperty("intervals").EnumerateArray()
            .Select(r => (T: r.GetProperty("t").GetDouble(), Ok: r.GetProperty("ok").GetInt64(), Fail: r.GetProperty("fail").GetInt64(),
                P99: r.GetProperty("p99").GetDouble()))
            .ToArray();
        var table = string.Join("\n", rows.Select(r => $"t={r.T:0.0} ok={r.Ok} fail={r.Fail} p99={r.P99:0.0} ms"));
        output.WriteLine(table);
        var down = Assert.Single(RunAssertions.Events(run, "broker-down")).GetProperty("t").GetDouble();
        var up = Assert.Single(RunAssertions.Events(run, "broker-up")).GetProperty("t").GetDouble();
        Assert.True(down is >= 4.5 and <= 7 && up - down is >= 3.5 and <= 5.5, $"outage from {down} to {up} s\n{result}");

        var before = rows.Where(r => r.T < down).ToArray();
        var during = rows.Where(r => r.T - 1 >= down && r.T <= up).ToArray(); // a row covers the second before its t
        var after = rows.Where(r => r.T > up + 2).ToArray();
        Assert.True(before.Length > 0 && during.Length > 0 && after.Length > 0, table);
        // One broker and a 1.5 s message timeout: sends fail while it is down, far more than before it went down.
        Assert.True(during.Sum(r => r.Fail) > before.Sum(r => r.Fail), table);
        Assert.True(during.Sum(r => r.Ok) < before.Sum(r => r.Ok) / 10, table);
        Assert.True(after.Sum(r => r.Ok) > 0, "the load should recover once the broker is back\n" + table);
        var scenario = run.GetProperty("scenarios").EnumerateArray().Single();
        Assert.True(scenario.GetProperty("fail").GetInt64() > 0);
        output.WriteLine(scenario.GetProperty("statusCodes").ToString());
        Assert.True(scenario.GetProperty("statusCodes").TryGetProperty("Local_MsgTimedOut", out _), "failures carry librdkafka's reason");
        Assert.False(ProcessTools.IsAlive(folder.Stream.TargetPid()!.Value));
    }
}
