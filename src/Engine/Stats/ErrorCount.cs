namespace LoadLeak.Engine.Stats;

public sealed record ErrorCount(string StatusCode, string Message, long Count);
