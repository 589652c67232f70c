using LoadLeak.Engine.Running;
using LoadLeak.Results;

namespace LoadLeak.Engine.Stats;

/// <summary>
/// A scenario's steps by name, in the order they first ran. Looking a step up scans a small array
/// (names are usually the same interned literal, so the comparison is a reference check) and takes a lock
/// only for a name not seen before. At most <see cref="MaxDistinctSteps"/> names; the rest share "(other)",
/// so a step named per request cannot grow memory without bound.
/// </summary>
internal sealed class StepTable(RunClock clock, bool restartIterationOnFail)
{
    public const int MaxDistinctSteps = 100;
    public const string OtherName = "(other)";

    private readonly Lock _gate = new();
    private readonly double _microsPerTick = 1e6 / clock.Time.TimestampFrequency;
    private StepMeter[] _steps = [];

    public RunClock Clock { get; } = clock;

    /// <summary>NBomber's RestartIterationOnFail: a failed step ends its iteration as failed.</summary>
    public bool RestartIterationOnFail { get; } = restartIterationOnFail;

    public StepMeter Get(string name)
    {
        var steps = Volatile.Read(ref _steps);
        // A step is nearly always named by the same literal on every call: find it by reference first.
        foreach (var step in steps)
        {
            if (ReferenceEquals(step.Name, name)) return step;
        }
        foreach (var step in steps)
        {
            if (string.Equals(step.Name, name, StringComparison.Ordinal)) return step;
        }
        return Add(name);
    }

    /// <summary>Whole microseconds between two of the clock's timestamps, at least 1 (as <see cref="LatencyHistograms.ToMicros"/>).</summary>
    public long Micros(long ticks) => Math.Clamp((long)(ticks * _microsPerTick + 0.5), 1, LatencyHistograms.HighestMicros);

    /// <summary>The steps' totals; null when no step ran, so step-less runs keep their run.json shape.</summary>
    public IReadOnlyList<StepStats>? Summarize() =>
        Volatile.Read(ref _steps) is { Length: > 0 } steps ? steps.Select(s => s.Summarize()).ToList() : null;

    private StepMeter Add(string name)
    {
        lock (_gate)
        {
            var key = _steps.Length < MaxDistinctSteps ? name : OtherName;
            if (Array.Find(_steps, s => s.Name == key) is { } existing) return existing;
            var added = new StepMeter(key);
            Volatile.Write(ref _steps, [.. _steps, added]);
            return added;
        }
    }
}
