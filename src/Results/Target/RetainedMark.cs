namespace LoadLeak.Results;

/// <summary>Retained heap measured right after a full blocking GC induced in the target.</summary>
public sealed record RetainedMark([property: Round3] double T, string Phase, double HeapBytes, string Reason);
