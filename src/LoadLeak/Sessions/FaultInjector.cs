using LoadLeak.Cli;
using LoadLeak.Engine.Running;
using LoadLeak.Kafka;
using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>Takes embedded brokers down and brings them back at the configured run times.</summary>
internal static class FaultInjector
{
    public static Task Schedule(IReadOnlyList<KafkaFault> faults, EmbeddedKafka? kafka, RunClock clock,
        TimelineEvents timeline, IUserConsole console, CancellationToken ct)
    {
        if (faults.Count == 0) return Task.CompletedTask;
        if (kafka is null)
        {
            console.Warn("LoadLeak.Faults: ignored, the run uses no embedded Kafka broker");
            return Task.CompletedTask;
        }
        return Task.WhenAll(faults.Select(f => InjectAsync(f, kafka, clock, timeline, console, ct)));
    }

    private static async Task InjectAsync(KafkaFault fault, EmbeddedKafka kafka, RunClock clock,
        TimelineEvents timeline, IUserConsole console, CancellationToken ct)
    {
        try
        {
            await DelayUntil(fault.At, clock, ct);
            kafka.SetBrokerDown(fault.BrokerId);
            timeline.Add(clock.Seconds, EventKind.BrokerDown, $"embedded Kafka broker {fault.BrokerId} taken down");
            console.Progress($"[{clock.Seconds,6:0.0}s] fault: Kafka broker {fault.BrokerId} down");
            try { await DelayUntil(fault.At + fault.For, clock, ct); }
            finally
            {
                kafka.SetBrokerUp(fault.BrokerId);
                timeline.Add(clock.Seconds, EventKind.BrokerUp, $"embedded Kafka broker {fault.BrokerId} back up");
                console.Progress($"[{clock.Seconds,6:0.0}s] fault: Kafka broker {fault.BrokerId} up again");
            }
        }
        catch (OperationCanceledException) { }
        catch (InvalidOperationException ex)
        {
            // A broker that cannot be taken down (or brought back) must not cost the run its reports.
            timeline.Add(clock.Seconds, EventKind.FaultFailed, ex.Message);
            console.Warn($"fault injection failed: {ex.Message}");
        }
    }

    private static Task DelayUntil(TimeSpan at, RunClock clock, CancellationToken ct)
    {
        var wait = at - clock.Elapsed;
        return wait > TimeSpan.Zero ? Task.Delay(wait, ct) : Task.CompletedTask;
    }
}
