using System.Diagnostics;
using System.Globalization;

namespace LoadLeak.Correlator.Forensics;

/// <summary>Splits one elapsed time into named phases, for "where did the analysis time go" notes.</summary>
internal sealed class PhaseTimer
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Name, double Ms)> _phases = [];
    private double _last;

    public void Mark(string name)
    {
        var now = _clock.Elapsed.TotalMilliseconds;
        _phases.Add((name, now - _last));
        _last = now;
    }

    public override string ToString() =>
        string.Join(", ", _phases.Select(p => $"{p.Name} {p.Ms.ToString("0", CultureInfo.InvariantCulture)} ms"));
}
