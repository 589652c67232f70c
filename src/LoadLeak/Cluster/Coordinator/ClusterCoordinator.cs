using System.Collections.Concurrent;
using System.Globalization;
using LoadLeak.Cli;
using LoadLeak.Cluster.Merging;
using LoadLeak.Cluster.Nats;
using LoadLeak.Cluster.Planning;
using LoadLeak.Cluster.Protocol;
using LoadLeak.Cluster.Timing;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Engine.Running;
using LoadLeak.Results;
using NATS.Client.Core;

namespace LoadLeak.Cluster.Coordinator;

/// <summary>
/// `run`'s side of a cluster: registers agents and the probe, measures their clocks, assigns the shares,
/// starts everyone on one clock, merges what they stream, notices lost members and NATS outages, and collects
/// everything (asking again for what went missing) before it releases the members.
/// Use: ConnectAsync → WaitForMembersAsync → MeasureClocksAsync → AssignAsync (+ AssignProbeAsync) →
/// StartAsync → WaitForAgentsAsync → FinishAsync; then read Stats, Probe, Events, Agents().
/// </summary>
internal sealed partial class ClusterCoordinator : IAsyncDisposable
{
    private readonly ClusterSettings _settings;
    private readonly NatsEndpoint _endpoint;
    private readonly IUserConsole _console;
    private readonly ConcurrentDictionary<string, ClusterMember> _members = new(StringComparer.Ordinal);
    private readonly List<TimelineEvent> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private NatsConnection _nats = null!;
    private HeartbeatMonitor _monitor = null!;
    private RunClock? _clock;
    private long _disconnectedNs;

    private ClusterCoordinator(ClusterSettings settings, NatsEndpoint endpoint, IUserConsole console, TimeSpan reportingInterval)
    {
        _settings = settings;
        _endpoint = endpoint;
        _console = console;
        Subjects = new ClusterSubjects(settings.ClusterId);
        Gate = new MessageGate(settings.ClusterId);
        Stats = new StatsMerger(reportingInterval);
    }

    public ClusterSubjects Subjects { get; }
    public MessageGate Gate { get; }
    public StatsMerger Stats { get; }
    public ProbeCollector Probe { get; } = new();
    public IEnumerable<ClusterMember> Members => _members.Values;
    public ClusterMember? ProbeMember => _members.Values.FirstOrDefault(m => m.Role == MemberRole.Probe);
    public IReadOnlyList<ClusterMember> AgentMembers =>
        _members.Values.Where(m => m.Role == MemberRole.Agent).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<TimelineEvent> Events { get { lock (_events) return _events.ToList(); } }

    /// <summary>Run seconds once started, else 0.</summary>
    private double Now => _clock?.Seconds ?? 0;

    /// <summary>The members were told to start: from here a silent member is lost within <see cref="HeartbeatMonitor.LostAfter"/>.</summary>
    public bool LoadStarted => _clock is not null;

    public static async Task<ClusterCoordinator> ConnectAsync(ClusterSettings settings, NatsEndpoint endpoint, IUserConsole console,
        TimeSpan reportingInterval, CancellationToken ct)
    {
        var coordinator = new ClusterCoordinator(settings, endpoint, console, reportingInterval);
        coordinator._nats = await ClusterConnection.OpenAsync(endpoint, $"loadleak-coordinator-{settings.ClusterId}",
            coordinator.OnDisconnected, coordinator.OnReconnected, ct).ConfigureAwait(false);
        coordinator._monitor = new HeartbeatMonitor(coordinator, coordinator._nats);
        await coordinator.SubscribeAsync().ConfigureAwait(false);
        return coordinator;
    }

    private async Task SubscribeAsync()
    {
        foreach (var subject in new[] { Subjects.Hello, Subjects.Stats, Subjects.Probe })
        {
            var subscription = await _nats.SubscribeCoreAsync<byte[]>(subject, cancellationToken: _stop.Token).ConfigureAwait(false);
            _loops.Add(ReceiveAsync(subscription));
        }
        _loops.Add(_monitor.RunAsync(_stop.Token));
    }

    public void AddEvent(EventKind kind, string message)
    {
        lock (_events) _events.Add(new TimelineEvent(Now, kind, message));
        _console.Warn($"cluster: {message}");
    }

    /// <summary>Sends a request to one member; null when it did not answer in time or answered nonsense.</summary>
    public async Task<ClusterMessage?> RequestAsync(string memberId, ClusterMessage request, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            var reply = await _nats.RequestAsync<byte[], byte[]>(Subjects.Member(memberId), ClusterCodec.Encode(Stamp(request)),
                replyOpts: new NatsSubOpts { Timeout = timeout }, cancellationToken: ct).ConfigureAwait(false);
            return Gate.TryAccept(reply.Data ?? [], out var message) ? message : null;
        }
        catch (Exception e) when (e is NatsException or TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    public void MemberLost(ClusterMember member, double silentSeconds)
    {
        if (member.Lost) return;
        member.MarkLost(Now);
        var kind = member.Role == MemberRole.Agent ? EventKind.AgentLost : EventKind.ProbeLost;
        var kept = member.Role == MemberRole.Agent ? $"its {Stats.RowsOf(member.Id).Count} received rows are kept" : "its samples so far are kept";
        AddEvent(kind, $"{member.Role.ToString().ToLowerInvariant()} {member.Id} ({member.Host}) stopped answering heartbeats " +
                       $"({silentSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s); the run goes on without it; {kept}");
    }

    public void AskResend(ClusterMember member, IReadOnlyList<long> seqs)
    {
        Interlocked.Add(ref _resendsAsked, seqs.Count);
        _ = PublishAsync(Subjects.Member(member.Id), new ResendRequest(seqs));
    }

    private long _resendsAsked;

    /// <summary>Streamed messages asked for again (lost on the way, e.g. during a NATS restart).</summary>
    public long ResendsAsked => Interlocked.Read(ref _resendsAsked);

    private ClusterMessage Stamp(ClusterMessage message) => message with { ClusterId = _settings.ClusterId, From = ClusterProtocol.CoordinatorId };

    private async Task PublishAsync(string subject, ClusterMessage message)
    {
        try
        {
            await _nats.PublishAsync(subject, ClusterCodec.Encode(Stamp(message)), cancellationToken: _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException)
        {
        }
    }

    private void OnDisconnected(string reason)
    {
        Interlocked.Exchange(ref _disconnectedNs, MonotonicClock.NowNs);
        AddEvent(EventKind.NatsDisconnected, $"lost the NATS server {_endpoint.Redacted}: {reason}; reconnecting");
    }

    private void OnReconnected()
    {
        var now = MonotonicClock.NowNs;
        _monitor.Reconnected(now);
        var gap = (now - Interlocked.Read(ref _disconnectedNs)) / 1e9;
        AddEvent(EventKind.NatsReconnected, $"NATS is back after {gap.ToString("0.0", CultureInfo.InvariantCulture)} s; " +
                                     "what members streamed meanwhile is asked for again");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false); }
        catch (TimeoutException) { }
        if (_nats is not null) await _nats.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
