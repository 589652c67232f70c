namespace LoadLeak.Correlator.Sampling.Proc;

/// <summary>What /proc/&lt;pid&gt; says about a process at one moment. Null = could not be read.</summary>
public sealed record ProcSnapshot(double? RssBytes, int? Threads, int? Fds, double? CpuSeconds, char State);
