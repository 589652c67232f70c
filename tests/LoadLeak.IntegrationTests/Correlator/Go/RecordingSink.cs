using LoadLeak.Correlator.Sampling;
using LoadLeak.Results;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>Keeps every reading, event and note a source delivers, in arrival order.</summary>
internal sealed class RecordingSink : IMeasurementSink
{
    private readonly object _gate = new();
    private readonly List<Measurement> _readings = [];
    private readonly List<TimelineEvent> _events = [];
    private readonly List<string> _notes = [];

    public void Add(Measurement measurement)
    {
        lock (_gate) _readings.Add(measurement);
    }

    public void AddEvent(TimelineEvent correlatorEvent)
    {
        lock (_gate) _events.Add(correlatorEvent);
    }

    public void AddNote(string note)
    {
        lock (_gate) _notes.Add(note);
    }

    public IReadOnlyList<double> Values(string metric)
    {
        lock (_gate) return _readings.Where(m => m.Name == metric).Select(m => m.Value).ToList();
    }

    public IReadOnlyList<Measurement> Readings
    {
        get { lock (_gate) return _readings.ToList(); }
    }

    public IReadOnlyList<TimelineEvent> Events
    {
        get { lock (_gate) return _events.ToList(); }
    }

    public IReadOnlyList<string> Notes
    {
        get { lock (_gate) return _notes.ToList(); }
    }
}
