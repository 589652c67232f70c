namespace LoadLeak.Results;

/// <summary>
/// Goroutines waiting at one line of the service's own code (<paramref name="Function"/> at <paramref name="Location"/>),
/// from the baseline to the after-cool-down <c>goroutine?debug=1</c> dump; <paramref name="TopFrame"/> is where the largest
/// group of them is parked.
/// </summary>
public sealed record GoroutineGrower(
    string Function,
    string Location,
    long CountDelta,
    long PeakCountDelta,
    long CountAfterCoolDown,
    bool SurvivesCoolDown,
    string? TopFrame);
