namespace LoadLeak.Engine.Scenarios;

/// <summary>The outcome of one scenario iteration, as NBomber's Response.</summary>
public sealed record Response(
    bool IsOk,
    string StatusCode,
    long SizeBytes,
    string? Message = null,
    double? CustomLatencyMs = null)
{
    public static Response Ok(string statusCode = "OK", long sizeBytes = 0, string? message = null, double? customLatencyMs = null)
        => new(true, statusCode, sizeBytes, message, customLatencyMs);

    public static Response Fail(string statusCode = "error", string? message = null, long sizeBytes = 0, double? customLatencyMs = null)
        => new(false, statusCode, sizeBytes, message, customLatencyMs);
}
