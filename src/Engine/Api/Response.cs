namespace LoadLeak.Engine.Api;

/// <summary>The outcome of one scenario iteration, as NBomber's Response.</summary>
/// <param name="Count">
/// How many operations the iteration stands for (default 1). A step that sends a batch (say 100 Kafka
/// messages and waits for all their acks) returns its batch size here, so ok/fail counts and RPS count
/// operations, not iterations. Its latency (the whole batch's) is recorded once per operation: an upper
/// bound on each operation's own latency.
/// </param>
public sealed record Response(
    bool IsOk,
    string StatusCode,
    long SizeBytes,
    string? Message = null,
    double? CustomLatencyMs = null,
    int Count = 1)
{
    public static Response Ok(string statusCode = "OK", long sizeBytes = 0, string? message = null, double? customLatencyMs = null, int count = 1)
        => new(true, statusCode, sizeBytes, message, customLatencyMs, Math.Max(1, count));

    public static Response Fail(string statusCode = "error", string? message = null, long sizeBytes = 0, double? customLatencyMs = null, int count = 1)
        => new(false, statusCode, sizeBytes, message, customLatencyMs, Math.Max(1, count));
}
