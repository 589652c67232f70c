using LoadLeak.Results;

namespace LoadLeak.Correlator.Sampling;

/// <summary>Where counter sources deliver readings, timeline events and notes. Must be thread-safe.</summary>
public interface IMeasurementSink
{
    void Add(Measurement measurement);

    void AddEvent(TimelineEvent correlatorEvent);

    void AddNote(string note);
}
