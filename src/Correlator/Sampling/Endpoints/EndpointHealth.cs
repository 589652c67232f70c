using LoadLeak.Results;

namespace LoadLeak.Correlator.Sampling.Endpoints;

/// <summary>
/// Reports an endpoint's failures without flooding: an "endpoint-failed" event when a run of failures starts, an
/// "endpoint-resumed" event when it ends, and a note once per kind of failure (not once per second).
/// </summary>
internal sealed class EndpointHealth(string source, IMeasurementSink sink, Func<double> now)
{
    private readonly HashSet<string> _noted = new(StringComparer.Ordinal);
    private bool _failing;

    public int Failures { get; private set; }

    public void Succeeded()
    {
        if (!_failing) return;
        _failing = false;
        sink.AddEvent(new TimelineEvent(now(), EventKind.EndpointResumed, $"{source}: the endpoint answers again"));
    }

    public void Failed(EndpointException failure)
    {
        Failures++;
        if (!_failing)
        {
            _failing = true;
            sink.AddEvent(new TimelineEvent(now(), EventKind.EndpointFailed, $"{source}: {failure.Message}; the missing seconds stay empty"));
        }
        NoteOnce(failure.Kind + "|" + failure.Url, $"{source}: {failure.Message}");
    }

    /// <summary>Adds the note unless one with this key was already added.</summary>
    public void NoteOnce(string key, string note)
    {
        if (_noted.Add(key)) sink.AddNote(note);
    }
}
