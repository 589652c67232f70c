using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>What a run ended with: its exit code, its run.json and the report files written.</summary>
internal sealed record RunOutcome(int ExitCode, RunDocument Document, IReadOnlyList<string> Files);
