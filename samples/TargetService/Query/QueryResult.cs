namespace TargetService.Query;

public sealed record QueryRequestBody(string? Op, string? Payload);

/// <summary>The small JSON reply of POST /api/query.</summary>
public sealed record QueryResult(string Op, int PayloadLength, string Digest, string? BenchmarkId, long ServedAtUnixMs);
