using LoadLeak.Cluster.Protocol;
using LoadLeak.Correlator;
using LoadLeak.Correlator.Sampling;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Merging;

/// <summary>
/// Gathers what the probe streams into the correlator's result, as if the correlator had run here: its final
/// table when it arrived, else the live samples (a probe lost mid-run still leaves what it sent). Thread-safe.
/// </summary>
internal sealed class ProbeCollector
{
    private readonly object _gate = new();
    private readonly SortedDictionary<double, TargetSample> _live = [];
    private readonly SortedDictionary<double, TargetSample> _final = [];
    private readonly Dictionary<long, ProbeEvent> _events = [];
    private readonly SortedDictionary<long, string> _notes = [];
    private readonly List<RetainedMark> _gcReplies = [];
    private ProbeFinished? _finished;
    private double _newestLiveT = double.NegativeInfinity;

    /// <summary>
    /// Each live sample newer than every one before (not a resend, a late arrival or the final table), once, in the
    /// receiving thread and outside the lock: the coordinator's memory guard watches the probe's RSS through it.
    /// </summary>
    public event Action<TargetSample>? LiveSampleArrived;

    public bool IsFinished { get { lock (_gate) return _finished is not null; } }

    public int LiveSamples { get { lock (_gate) return _live.Count; } }

    /// <summary>The newest live sample (probe clock), for the live console; null before the first.</summary>
    public TargetSample? Latest { get { lock (_gate) return _live.Count == 0 ? null : _live.Values.Last(); } }

    public void Add(ClusterMessage message)
    {
        List<TargetSample>? fresh = null;
        lock (_gate)
        {
            switch (message)
            {
                case ProbeSamples { Final: true } final:
                    foreach (var sample in final.Samples) _final[sample.T] = sample;
                    break;
                case ProbeSamples live:
                    foreach (var sample in live.Samples) _live[sample.T] = sample;
                    fresh = live.Samples.Where(s => s.T > _newestLiveT).OrderBy(s => s.T).ToList();
                    if (fresh.Count > 0) _newestLiveT = fresh[^1].T;
                    break;
                case ProbeEvent e:
                    _events[e.Seq] = e;
                    break;
                case ProbeNote note:
                    _notes[note.Seq] = note.Text;
                    break;
                case ProbeFinished finished:
                    _finished = finished;
                    break;
            }
        }
        if (fresh is null || LiveSampleArrived is not { } arrived) return;
        foreach (var sample in fresh) arrived(sample);
    }

    /// <summary>A retained-heap reading the coordinator asked for (kept in case the final message never comes).</summary>
    public void AddRetained(RetainedMark mark) { lock (_gate) _gcReplies.Add(mark); }

    public CorrelatorResult ToResult()
    {
        lock (_gate)
        {
            var complete = _finished is not null && _final.Count >= _finished.FinalSamples;
            var samples = (complete ? _final : _live).Values.ToList();
            var retained = _finished?.Retained ?? _gcReplies.OrderBy(m => m.T).ToList();
            var events = _events.Values.OrderBy(e => e.T).Select(e => new TimelineEvent(e.T, e.Kind, e.Message)).ToList();
            var notes = _notes.Values.ToList();
            if (!complete) notes.Add($"the probe's final table did not arrive: {samples.Count} live samples are used");
            return new CorrelatorResult(samples, retained, events, notes, _finished?.IsDotNet ?? samples.Any(s => s.GcHeapBytes is not null));
        }
    }
}
