using LoadLeak.Cli;
using LoadLeak.Correlator;
using LoadLeak.Correlator.Soak;
using LoadLeak.Documents;
using LoadLeak.Engine;
using LoadLeak.Engine.Running;
using LoadLeak.Kafka;
using LoadLeak.Reporting.Exporting;
using LoadLeak.Results;
using LoadLeak.Scenarios.Settings;
using LoadLeak.Soak;
using LoadLeak.Targets;

namespace LoadLeak.Sessions;

/// <summary>
/// One run, one method per stage: infrastructure (output folder, embedded Kafka, every scenario built), target,
/// sampling on the run clock, load, final measurements, stop, reports. The session owns what it started and stops
/// it in reverse order, after a fault too (<see cref="DisposeAsync"/>). Once the load stage is reached, whatever
/// was measured before a fault, the target's death or an interrupt is still reported.
/// </summary>
internal sealed class RunSession(RunPlan plan, IUserConsole console, RunStages stages, CancellationToken interrupt) : IAsyncDisposable
{
    private readonly Placeholders _placeholders = new();
    private readonly TimelineEvents _timeline = new();
    // Stops the load early: an interrupt, the target dying (DeathWatch), or the memory guard.
    private readonly CancellationTokenSource _load = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
    private RunClock _clock = new();
    private EmbeddedKafka? _kafka;
    private EngineSettings? _settings;
    private ITarget? _target;
    private RunnerMemoryMonitor? _runnerMemory;
    private ITargetSampler? _sampler;
    private LoadObservers? _observers;
    private DeathWatch? _deathWatch;
    private Guard.MemoryGuard? _guard;
    private EngineResult? _engine;
    private CorrelatorResult? _sampled;
    private RunExtras _extras = new();
    private bool _stopped;

    /// <summary>Each scenario's client (name, how it was picked, why), as printed when the run starts.</summary>
    public IReadOnlyList<KeyValuePair<string, ClientChoice>> Clients { get; private set; } = [];

    /// <summary>Every stage in order, then the reports.</summary>
    public async Task<RunOutcome> RunAsync()
    {
        StartInfrastructure();
        await StartTargetAsync();
        await StartSamplingAsync();
        await RunLoadAsync();
        await MeasureFinalAsync();
        await StopAsync();
        return WriteReports(BuildDocument());
    }

    /// <summary>
    /// The output folder is writable, the embedded broker is up, and every scenario is built (so validated)
    /// before anything is launched.
    /// </summary>
    public void StartInfrastructure()
    {
        OutputFolder.Prepare(plan.OutDir);
        StartEmbeddedKafka();
        // After the broker: it binds whatever port the OS offers, which could be one picked and released here.
        _placeholders.WithFreePorts();
        var environment = new ScenarioEnvironment(_placeholders.Values, _kafka?.BootstrapServers);
        _settings = plan.BuildEngineSettings(stages.Scenarios, environment) with { Log = new ConsoleEngineLog(console) };
        if (plan.Soak is null && CoolDownPlan.Warning(_settings, plan.LeakOptions) is { } coolDown) console.Warn(coolDown);
        Clients = ScenarioClients.Of(plan.Config, _settings, stages.Scenarios, environment);
        foreach (var (name, client) in Clients) console.Info($"scenario '{name}': client {client}");
        _extras = _extras with { Clients = Clients, Protocols = _settings.Scenarios.ToDictionary(s => s.Name, s => s.Protocol) };
    }

    /// <summary>Launches or attaches to the target and waits until it is ready; the run clock starts then.</summary>
    public async Task StartTargetAsync()
    {
        _target = await stages.Target.StartAsync(plan, _placeholders, console, interrupt);
        _clock = new RunClock();
    }

    /// <summary>Samples the target and this process on the run clock, and sets up what watches the load.</summary>
    public async Task StartSamplingAsync()
    {
        var target = Required(_target, "StartTargetAsync");
        _runnerMemory = new RunnerMemoryMonitor(_clock, TimeSpan.FromSeconds(5));
        var resolved = plan with { Endpoints = await TargetEndpointResolver.ResolveAsync(plan, _placeholders, console, interrupt) };
        _sampler = await stages.Sampling.StartAsync(target, resolved, _clock, interrupt);
        if (_sampler.SourcesLine is { } sources) console.Info(sources);
        _observers = new LoadObservers(resolved, target, _sampler, _clock, _timeline, console, _load.Token);
        _timeline.Added = _observers.Stream.Event;
    }

    /// <summary>
    /// The load, with the target's death watched and the broker faults injected; a fault inside the engine ends
    /// the load, not the run.
    /// </summary>
    public async Task RunLoadAsync()
    {
        var settings = Required(_settings, "StartInfrastructure");
        var observers = Required(_observers, "StartSamplingAsync");
        _deathWatch = new DeathWatch(Required(_target, "StartTargetAsync"), _clock, _timeline, _load);
        _guard = Guard.MemoryGuard.Watch(plan, _target!, Required(_sampler, "StartSamplingAsync"), settings, _clock, _timeline, _load, console);
        var faults = FaultInjector.Schedule(plan.Options.Faults, _kafka, _clock, _timeline, console, _load.Token);
        if (observers.Heap is not null && plan.Soak is { } soakRun) observers.Heap.TakePeakAfter(soakRun.Duration / 2);
        var periodic = plan.Soak is { } soak ? observers.Retained.RunPeriodicAsync(soak.GcEvery) : Task.CompletedTask;
        try
        {
            _engine = await stages.Load.RunAsync(settings, _clock, observers.Observer, _load.Token);
        }
        catch (Exception ex) when (ex is not ConfigException)
        {
            // A fault inside the engine must not cost the measurements made so far.
            _timeline.Add(_clock.Seconds, EventKind.EngineFailed, $"{ex.GetType().Name}: {ex.Message}");
            console.Error($"the load engine failed: {ex.Message}");
        }
        observers.Retained.StopPeriodic();
        await periodic;
        _deathWatch.LoadEnded();
        _guard?.LoadEnded();
        await faults;
        _timeline.Added = null;
    }

    /// <summary>After the load: the retained heap after cool-down, the memory limit (soak) and the heap forensics, while the target lives.</summary>
    public async Task MeasureFinalAsync()
    {
        var target = Required(_target, "StartTargetAsync");
        var observers = Required(_observers, "StartSamplingAsync");
        if (!target.HasExited && !interrupt.IsCancellationRequested && plan.Options.RetainedGc != RetainedGcMode.None)
            await observers.Retained.MeasureFinalAsync();
        if (plan.Soak is not null && !target.HasExited) _extras = _extras with { MemoryLimit = MemoryLimit.Of(target.Pid) };
        // A guarded target is too big to dump safely: the snapshots taken before the guard are still diffed.
        var lastSnapshot = !target.HasExited && !interrupt.IsCancellationRequested && _guard?.Tripped != true;
        if (observers.Heap is not null && await observers.Heap.FinishAsync(lastSnapshot) is { } forensics)
            _extras = _extras with { Heap = forensics };
    }

    /// <summary>
    /// Stops everything started, in reverse order: watchers, sampling (keeping what it saw), target, broker,
    /// runner memory. Idempotent.
    /// </summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        _observers?.Dispose();
        _deathWatch?.Dispose();
        if (_sampler is not null)
        {
            _sampled = await _sampler.StopAsync();
            await _sampler.DisposeAsync();
        }
        if (_target is not null) await _target.DisposeAsync();
        _kafka?.Dispose();
        if (_runnerMemory is not null) await _runnerMemory.DisposeAsync();
    }

    /// <summary>run.json's content from everything measured; call after <see cref="StopAsync"/>.</summary>
    public RunDocument BuildDocument()
    {
        if (!_stopped) throw new InvalidOperationException("RunSession: StopAsync before BuildDocument");
        if (interrupt.IsCancellationRequested) _timeline.Add(_clock.Seconds, EventKind.Interrupted, "Ctrl-C or SIGTERM: the load was stopped early");
        _extras = _extras with { RunnerMemory = _runnerMemory?.Points ?? [] };
        return new RunDocumentBuilder(plan, _clock, _target, _timeline).Build(_engine, _sampled, _extras);
    }

    /// <summary>Every report format into the output folder; a format that fails is a warning, not a lost run.</summary>
    public RunOutcome WriteReports(RunDocument document)
    {
        var outcome = ReportWriter.WriteAll(document, plan.OutDir);
        foreach (var error in outcome.Errors) console.Warn(error);
        return new RunOutcome(document.ExitCode ?? ExitCodes.Ok, document, outcome.Files);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _load.Dispose();
    }

    /// <summary>The embedded broker, when the config or the target command asks for it; its topics exist before the target starts.</summary>
    private void StartEmbeddedKafka()
    {
        var command = (plan.Target as TargetSpec.Launch)?.CommandTemplate;
        if (!KafkaNeeds.EmbeddedBroker(plan.Config, command)) return;
        var kafka = _kafka = EmbeddedKafka.Start(plan.Options.KafkaBrokers);
        foreach (var topic in KafkaNeeds.Topics(plan.Config))
            kafka.CreateTopic(topic, partitions: 1, replicationFactor: Math.Min(3, plan.Options.KafkaBrokers));
        _placeholders.Set("kafka", kafka.BootstrapServers);
        console.Info($"embedded Kafka: bootstrap.servers={kafka.BootstrapServers}");
    }

    private static T Required<T>(T? value, string stage) where T : class =>
        value ?? throw new InvalidOperationException($"RunSession: {stage} first");
}
