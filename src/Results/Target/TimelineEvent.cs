namespace LoadLeak.Results;

/// <summary>Something that happened at <paramref name="T"/> run seconds: target died, counter gap, broker down, interrupt.</summary>
public sealed record TimelineEvent([property: Round3] double T, EventKind Kind, string Message);
