using System.Text;
using System.Text.Json;

namespace LoadLeak.Scenarios.Template;

/// <summary>
/// The uniform request every protocol sends: the same op and payload, tagged with the benchmark id
/// (HTTP header and Kafka header <see cref="HeaderName"/>, gRPC metadata <see cref="GrpcMetadataKey"/>),
/// so a run's traffic can be told apart from anything else the target serves.
/// </summary>
public sealed record RequestTemplate(string BenchmarkId, string Op, string Payload)
{
    public const string HeaderName = "X-Benchmark-ID";
    public const string GrpcMetadataKey = "x-benchmark-id";
    public const string DefaultOp = "query";
    public const string DefaultPayload = "a1b2c3";

    public static RequestTemplate Default(string benchmarkId) => new(benchmarkId, DefaultOp, DefaultPayload);

    /// <summary>A template whose payload is exactly <paramref name="payloadSizeBytes"/> ASCII bytes, repeating "a1b2c3".</summary>
    public static RequestTemplate Create(string benchmarkId, int payloadSizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadSizeBytes);
        var payload = new StringBuilder(payloadSizeBytes);
        while (payload.Length < payloadSizeBytes)
            payload.Append(DefaultPayload, 0, Math.Min(DefaultPayload.Length, payloadSizeBytes - payload.Length));
        return new RequestTemplate(benchmarkId, DefaultOp, payload.ToString());
    }

    /// <summary>A fresh id per run so the target's logs and echoes can be matched to this run.</summary>
    public static string NewBenchmarkId() => "lb-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The JSON body, e.g. <c>{"op":"query","payload":"a1b2c3"}</c>.</summary>
    public string JsonBody => JsonSerializer.Serialize(new Body(Op, Payload), BodyJsonContext.Default.Body);

    public byte[] JsonBodyUtf8 => Encoding.UTF8.GetBytes(JsonBody);

    internal sealed record Body(string op, string payload);
}
