using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>Thread-safe list of things that happened on the run's timeline (target died, broker down, interrupt).</summary>
internal sealed class TimelineEvents
{
    private readonly List<TimelineEvent> _events = [];

    /// <summary>Called for every event as it happens (e.g. to stream it to disk).</summary>
    public Action<TimelineEvent>? Added { get; set; }

    public void Add(double t, EventKind kind, string message) => Add(new TimelineEvent(t, kind, message));

    /// <summary>Adds <paramref name="e"/> unless the timeline already has it (the correlator's events are handed over repeatedly).</summary>
    public void Add(TimelineEvent e)
    {
        lock (_events)
        {
            if (_events.Contains(e)) return;
            _events.Add(e);
        }
        Added?.Invoke(e);
    }

    public bool Has(EventKind kind)
    {
        lock (_events) return _events.Any(e => e.Kind == kind);
    }

    public IReadOnlyList<TimelineEvent> Snapshot()
    {
        lock (_events) return _events.OrderBy(e => e.T).ToArray();
    }
}
