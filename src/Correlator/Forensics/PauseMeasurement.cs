namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// How long the target's threads were stopped while a dump was written, as sampled from /proc:
/// <paramref name="PauseMs"/> ± <paramref name="ResolutionMs"/> (the sampling brackets the start
/// and the end of the stop).
/// </summary>
internal sealed record PauseMeasurement(double PauseMs, double ResolutionMs, int MaxStoppedThreads, int Sweeps);
