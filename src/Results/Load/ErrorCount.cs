namespace LoadLeak.Results;

/// <summary>How often one status code and message came back failed.</summary>
public sealed record ErrorCount(string StatusCode, string Message, long Count);
