using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>A scenario's totals over the measured (non-warm-up) part of the run.</summary>
public sealed record ScenarioStats(
    string Name,
    long Ok,
    long Fail,
    [property: Round3] double Rps,
    [property: JsonIgnore] double DurationSeconds,
    [property: JsonPropertyName("latencyMs")] LatencySummary Latency,
    [property: JsonPropertyName("latencyUncorrectedMs")] LatencySummary LatencyUncorrected,
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyList<ErrorCount> Errors,
    long BytesReceived,
    long Late,
    long Dropped)
{
    /// <summary>
    /// http, grpc or kafka for the config's scenarios; for code scenarios what they declared (WithProtocol), else "custom".
    /// </summary>
    public string? Protocol { get; init; }

    /// <summary>
    /// Per-step totals (Step.Run), in the order the steps first ran; null without steps, so runs without
    /// steps keep their shape.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StepStats>? Steps { get; init; }

    /// <summary>The client the scenario sent with (raw, httpclient, lean, grpc-net, native, confluent); null for code-first scenarios.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Client { get; init; }

    /// <summary>Whether <see cref="Client"/> was picked by <c>auto</c> or named in the config.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ClientSelection? ClientSelection { get; init; }

    /// <summary>Why that client: the settings that allowed LoadLeak's own client or required the library one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientReason { get; init; }

    [JsonIgnore]
    public long Total => Ok + Fail;

    [JsonIgnore]
    public double FailPercent => Total == 0 ? 0 : 100.0 * Fail / Total;

    /// <summary>Why the scenario stopped before its load simulations ended (e.g. MaxFailCount); null if it ran to the end.</summary>
    [JsonIgnore]
    public string? StopReason { get; init; }
}
