using LoadLeak.Reporting.Model;

namespace LoadLeak.Runner.Running;

/// <summary>Thread-safe list of things that happened on the run's timeline (target died, broker down, interrupt).</summary>
public sealed class TimelineEvents
{
    private readonly List<EventDto> _events = [];

    public void Add(double t, string kind, string message)
    {
        lock (_events) _events.Add(new EventDto(Math.Round(t, 3), kind, message));
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
