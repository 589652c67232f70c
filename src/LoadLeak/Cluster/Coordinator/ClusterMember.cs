using LoadLeak.Cluster.Protocol;
using LoadLeak.Cluster.Timing;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Coordinator;

/// <summary>
/// What the coordinator knows of one agent or probe: who it is, its clock, when it last answered, what it
/// streamed (sequence numbers, to find gaps), and how it ended. Thread-safe.
/// </summary>
internal sealed class ClusterMember(string id, MemberRole role, string group, string host, string version, int pid, long joinedNs)
{
    private readonly object _gate = new();
    private readonly HashSet<long> _received = [];
    private readonly Queue<(long Ns, long LastSeq)> _announced = new();
    private long _lastReplyNs = joinedNs;
    private int _unanswered;

    public string Id => id;
    public MemberRole Role => role;
    public string Group => group;
    public string Host => host;
    public string Version => version;
    public int Pid => pid;
    public ClockOffsetEstimator Clock { get; } = new();

    /// <summary>The offset handed to the member for its start (its start skew is within that estimate's error).</summary>
    public ClockOffset? OffsetUsed { get; set; }
    public IReadOnlyList<ScenarioShare> Shares { get; set; } = [];
    public MemberState LastState { get; private set; } = MemberState.Joining;
    public bool Lost { get; private set; }
    public double? LostAt { get; private set; }
    public AgentFinished? Finished { get; set; }
    public long LastReplyNs => Interlocked.Read(ref _lastReplyNs);

    /// <summary>Heartbeats in a row that got no answer; reset by an answer.</summary>
    public int Unanswered => Volatile.Read(ref _unanswered);

    public void NotAnswered() => Interlocked.Increment(ref _unanswered);

    public void Answered(long nowNs, HeartbeatReply reply)
    {
        Interlocked.Exchange(ref _lastReplyNs, nowNs);
        Volatile.Write(ref _unanswered, 0);
        lock (_gate)
        {
            LastState = reply.State;
            _announced.Enqueue((nowNs, reply.LastSeq));
            while (_announced.Count > 64) _announced.Dequeue();
        }
    }

    public void MarkLost(double t)
    {
        Lost = true;
        LostAt = t;
    }

    /// <returns>False when this sequence number was already received.</returns>
    public bool Received(long seq) { lock (_gate) return _received.Add(seq); }

    public int ReceivedCount { get { lock (_gate) return _received.Count; } }

    /// <summary>Sequence numbers the member said it sent at least <paramref name="settle"/> ago that never arrived.</summary>
    public IReadOnlyList<long> Missing(long nowNs, TimeSpan settle, int limit)
    {
        lock (_gate)
        {
            var settled = _announced.Where(a => nowNs - a.Ns >= settle.Ticks * 100).Select(a => a.LastSeq).DefaultIfEmpty(0).Max();
            if (Finished is { } finished) settled = Math.Max(settled, finished.LastSeq);
            var missing = new List<long>();
            for (var seq = 1L; seq <= settled && missing.Count < limit; seq++)
            {
                if (!_received.Contains(seq)) missing.Add(seq);
            }
            return missing;
        }
    }
}
