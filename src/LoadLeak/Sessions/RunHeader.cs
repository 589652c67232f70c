using LoadLeak.Results;

namespace LoadLeak.Sessions;

/// <summary>What a partial run needs to be re-rendered without the original process.</summary>
internal sealed record RunHeader(string RunId, DateTimeOffset StartedAt, RunMetadata Meta);
