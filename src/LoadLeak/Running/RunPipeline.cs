using LoadLeak.Cli;
using LoadLeak.Correlator;
using LoadLeak.Engine.Running;
using LoadLeak.Kafka;
using LoadLeak.Reporting.Exporting;
using LoadLeak.Reports;
using LoadLeak.Results;
using LoadLeak.Scenarios;
using LoadLeak.Scenarios.Settings;
using LoadLeak.Soak;
using LoadLeak.Targets;

namespace LoadLeak.Running;

public sealed record RunOutcome(int ExitCode, RunDocument Document, IReadOnlyList<string> Files);

/// <summary>
/// One run, end to end: broker and target up, load and sampling on one clock, everything stopped,
/// analysis, reports. Whatever was measured before a fault or an interrupt is still reported.
/// </summary>
public sealed class RunPipeline(IUserConsole console)
{
    public async Task<RunOutcome> RunAsync(RunPlan plan, CancellationToken interrupt)
    {
        OutputFolder.Prepare(plan.OutDir);
        var placeholders = Placeholders.WithFreePorts();
        var timeline = new TimelineEvents();
        EmbeddedKafka? kafka = null;
        ITarget? target = null;
        TargetCorrelator? correlator = null;
        var clock = new RunClock();
        EngineResult? engine = null;
        CorrelatorResult? sampled = null;
        RunnerMemoryMonitor? runnerMemory = null;
        var extras = new RunExtras();
        try
        {
            kafka = StartEmbeddedKafka(plan, placeholders);
            var environment = new ScenarioEnvironment(placeholders.Values, kafka?.BootstrapServers);
            // Build (and so validate) every scenario before anything is launched.
            var settings = plan.Config.ToEngineSettings(
                config => ScenarioCatalog.Create(config.ScenarioName, config.CustomSettings, environment),
                plan.DurationScale) with
            { Log = new ConsoleEngineLog(console) };
            if (plan.Soak is { } soak) settings = soak.Shape(settings);

            target = await TargetStarter.StartAsync(plan, placeholders, console, interrupt);
            clock = new RunClock();
            runnerMemory = new RunnerMemoryMonitor(clock, TimeSpan.FromSeconds(5));
            correlator = await TargetCorrelator.StartAsync(target.Pid, clock,
                new Correlator.CorrelatorOptions { UseEventPipe = plan.UseEventPipe }, interrupt);

            using var load = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
            using var deathWatch = new DeathWatch(target, clock, timeline, load);
            var faults = FaultInjector.Schedule(plan.Options.Faults, kafka, clock, timeline, console, load.Token);
            var probe = new RetainedHeapProbe(correlator, clock, plan.Options.RetainedGc == RetainedGcMode.Boundaries, load.Token);
            var live = correlator;
            using var stream = new ResultStream(plan.OutDir,
                new RunHeader(plan.RunId, clock.StartedAt, RunDocumentBuilder.Metadata(plan, target)), () => live.Latest);
            timeline.Added = stream.Event;
            using var heap = plan.Snapshots && correlator.IsDotNet ? new HeapSnapshotProbe(target.Pid, clock, console, plan.KeepDumps, load.Token) : null;
            var observer = new CompositeEngineObserver(
                [new LiveProgress(console, () => live.Latest, plan.Options.ProgressEverySeconds), probe,
                 new CorrelatorEventRelay(live, timeline), stream, .. heap is null ? Array.Empty<Engine.Running.IEngineObserver>() : [heap]], console);
            if (heap is not null && plan.Soak is { } soakRun) heap.TakePeakAfter(soakRun.Duration / 2);

            var periodic = plan.Soak is { } soakPlan ? probe.RunPeriodicAsync(soakPlan.GcEvery) : Task.CompletedTask;
            try
            {
                engine = await LoadEngine.RunAsync(settings, clock, observer, load.Token);
            }
            catch (Exception ex) when (ex is not Engine.ConfigException)
            {
                // A fault inside the engine must not cost the measurements made so far.
                timeline.Add(clock.Seconds, EventKind.EngineFailed, $"{ex.GetType().Name}: {ex.Message}");
                console.Error($"the load engine failed: {ex.Message}");
            }
            probe.StopPeriodic();
            await periodic;
            deathWatch.LoadEnded();
            await faults;
            timeline.Added = null;
            if (!target.HasExited && !interrupt.IsCancellationRequested && plan.Options.RetainedGc != RetainedGcMode.None)
                await probe.MeasureFinalAsync();
            if (plan.Soak is not null && !target.HasExited) extras = extras with { MemoryLimit = MemoryLimit.Of(target.Pid) };
            if (heap is not null && await heap.FinishAsync(!target.HasExited && !interrupt.IsCancellationRequested) is { } forensics)
                extras = extras with { Heap = forensics };
        }
        finally
        {
            if (correlator is not null)
            {
                sampled = await correlator.StopAsync();
                await correlator.DisposeAsync();
            }
            if (target is not null) await target.DisposeAsync();
            kafka?.Dispose();
            if (runnerMemory is not null) await runnerMemory.DisposeAsync();
        }

        if (interrupt.IsCancellationRequested) timeline.Add(clock.Seconds, EventKind.Interrupted, "Ctrl-C or SIGTERM: the load was stopped early");
        extras = extras with { RunnerMemory = runnerMemory?.Points ?? [] };
        var document = new RunDocumentBuilder(plan, clock, target, timeline).Build(engine, sampled, extras);
        var outcome = ReportWriter.WriteAll(document, plan.OutDir);
        foreach (var error in outcome.Errors) console.Warn(error);
        return new RunOutcome(document.ExitCode ?? ExitCodes.Ok, document, outcome.Files);
    }

    /// <summary>The embedded broker, when the config or the target command asks for it; its topics exist before the target starts.</summary>
    private EmbeddedKafka? StartEmbeddedKafka(RunPlan plan, Placeholders placeholders)
    {
        var command = (plan.Target as TargetSpec.Launch)?.CommandTemplate;
        if (!KafkaNeeds.EmbeddedBroker(plan.Config, command)) return null;
        var kafka = EmbeddedKafka.Start(plan.Options.KafkaBrokers);
        foreach (var topic in KafkaNeeds.Topics(plan.Config))
            kafka.CreateTopic(topic, partitions: 1, replicationFactor: Math.Min(3, plan.Options.KafkaBrokers));
        placeholders.Set("kafka", kafka.BootstrapServers);
        console.Info($"embedded Kafka: bootstrap.servers={kafka.BootstrapServers}");
        return kafka;
    }
}
