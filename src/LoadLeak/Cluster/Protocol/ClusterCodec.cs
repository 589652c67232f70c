using System.Text.Json;
using System.Text.Json.Serialization;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Protocol;

/// <summary>JSON (de)serialisation of <see cref="ClusterMessage"/>s; decoding never throws.</summary>
internal static class ClusterCodec
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        MaxDepth = 32,
    };

    public static byte[] Encode(ClusterMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, Options);

    /// <summary>Reads a message meant for <paramref name="clusterId"/>; says why not otherwise.</summary>
    public static DecodeOutcome TryDecode(ReadOnlySpan<byte> data, string clusterId, out ClusterMessage? message)
    {
        message = null;
        ClusterMessage? decoded;
        try
        {
            decoded = JsonSerializer.Deserialize<ClusterMessage>(data, Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return DecodeOutcome.Malformed;
        }
        if (decoded is null) return DecodeOutcome.Malformed;
        if (decoded.V != ClusterProtocol.Version) return DecodeOutcome.OtherVersion;
        if (!string.Equals(decoded.ClusterId, clusterId, StringComparison.Ordinal)) return DecodeOutcome.Foreign;
        message = decoded;
        return DecodeOutcome.Ok;
    }
}
