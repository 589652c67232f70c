namespace LoadLeak.Correlator.Forensics.Go;

/// <summary>A snapshot's headline figures for the report.</summary>
internal sealed record GoSnapshotInfo(string Label, double T, long Goroutines, double RetainedBytes, long InuseBytes, double CaptureMs);
