using LoadLeak.Reporting.Model;

namespace LoadLeak.Sessions;

/// <summary>Thread-safe list of things that happened on the run's timeline (target died, broker down, interrupt).</summary>
public sealed class TimelineEvents
{
    private readonly List<EventDto> _events = [];

    /// <summary>Called for every event as it happens (e.g. to stream it to disk).</summary>
    public Action<EventDto>? Added { get; set; }

    public void Add(double t, string kind, string message)
    {
        var e = new EventDto(Math.Round(t, 3), kind, message);
        lock (_events)
        {
            if (_events.Contains(e)) return;
            _events.Add(e);
        }
        Added?.Invoke(e);
    }

    public bool Has(string kind)
    {
        lock (_events) return _events.Any(e => e.Kind == kind);
    }

    public IReadOnlyList<EventDto> Snapshot()
    {
        lock (_events) return _events.OrderBy(e => e.T).ToArray();
    }
}
