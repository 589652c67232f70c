using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>
/// When the three snapshots of a run are due: baseline when the first load phase starts (the warm-up is over), peak
/// when the load first drops below its highest step (the cool-down begins), or midway through a soak's hold.
/// Thread-safe.
/// </summary>
internal sealed class SnapshotSchedule
{
    private readonly Dictionary<string, double> _highest = [];
    private bool _baselineTaken;
    private bool _peakTaken;

    /// <summary>The label of the snapshot due at this phase's start, or null.</summary>
    public string? Due(PhaseRecord phase)
    {
        if (phase.Kind == PhaseKind.WarmUp) return null;
        var load = phase.Copies ?? phase.Rate ?? 0;
        lock (_highest)
        {
            string? due = null;
            if (!_baselineTaken)
            {
                _baselineTaken = true;
                due = "baseline";
            }
            else if (!_peakTaken && _highest.TryGetValue(phase.Scenario, out var highest) && load < highest)
            {
                _peakTaken = true;
                due = "peak";
            }
            _highest[phase.Scenario] = Math.Max(load, _highest.GetValueOrDefault(phase.Scenario));
            return due;
        }
    }

    /// <summary>Soak: the peak snapshot now, unless it was taken or no baseline exists yet.</summary>
    public bool PeakNow()
    {
        lock (_highest)
        {
            if (_peakTaken || !_baselineTaken) return false;
            _peakTaken = true;
            return true;
        }
    }
}
