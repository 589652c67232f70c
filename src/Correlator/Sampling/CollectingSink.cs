using LoadLeak.Results;

namespace LoadLeak.Correlator.Sampling;

/// <summary>Folds readings into a <see cref="SampleTable"/> and keeps events and (deduplicated) notes.</summary>
public sealed class CollectingSink(SampleTable table) : IMeasurementSink
{
    private readonly object _gate = new();
    private readonly List<TimelineEvent> _events = [];
    private readonly List<string> _notes = [];

    public SampleTable Table { get; } = table;

    /// <summary>Told of every reading after it is stored; set before sampling starts.</summary>
    public Action<Measurement>? Reading { get; set; }

    public void Add(Measurement measurement)
    {
        Table.Add(measurement);
        Reading?.Invoke(measurement);
    }

    public void AddEvent(TimelineEvent correlatorEvent)
    {
        lock (_gate) _events.Add(correlatorEvent);
    }

    public void AddNote(string note)
    {
        lock (_gate)
            if (!_notes.Contains(note)) _notes.Add(note);
    }

    public IReadOnlyList<TimelineEvent> Events
    {
        get { lock (_gate) return _events.OrderBy(e => e.T).ToList(); }
    }

    public IReadOnlyList<string> Notes
    {
        get { lock (_gate) return _notes.ToList(); }
    }

    public bool HasEvent(EventKind kind)
    {
        lock (_gate) return _events.Any(e => e.Kind == kind);
    }
}
