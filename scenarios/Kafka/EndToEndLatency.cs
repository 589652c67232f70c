using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace LoadLeak.Scenarios.Kafka;

/// <summary>
/// Produce-to-consume latency as the target measured it from each message's timestamp
/// (the JSON of the target's <c>GET /api/kafka/e2e</c>).
/// </summary>
internal sealed record EndToEndLatency(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("meanMs")] double MeanMs,
    [property: JsonPropertyName("p50Ms")] double P50Ms,
    [property: JsonPropertyName("p90Ms")] double P90Ms,
    [property: JsonPropertyName("p99Ms")] double P99Ms,
    [property: JsonPropertyName("maxMs")] double MaxMs,
    [property: JsonPropertyName("lastBenchmarkId")] string? LastBenchmarkId)
{
    public override string ToString() => FormattableString.Invariant(
        $"{Count} messages, mean {MeanMs:F1} ms, p50 {P50Ms:F1} ms, p90 {P90Ms:F1} ms, p99 {P99Ms:F1} ms, max {MaxMs:F1} ms");

    /// <summary>Reads the target's end-to-end figures; null when the target is unreachable or has none.</summary>
    public static async Task<EndToEndLatency?> FetchAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient { Timeout = timeout };
        try
        {
            return await client.GetFromJsonAsync<EndToEndLatency>(url, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
