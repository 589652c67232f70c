namespace LoadLeak.Results;

/// <summary>Async state machines (or promise tasks) not completed, per method.</summary>
public sealed record PendingTasks(string Method, long Count);
