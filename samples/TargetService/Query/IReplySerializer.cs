using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TargetService.Query;

/// <summary>Writes a reply as UTF-8 JSON; two implementations so --impl can compare them.</summary>
public interface IReplySerializer
{
    byte[] Serialize(QueryResult reply);
}

public sealed class StjReplySerializer : IReplySerializer
{
    public byte[] Serialize(QueryResult reply) => JsonSerializer.SerializeToUtf8Bytes(reply, TargetJsonContext.Default.QueryResult);
}

/// <summary>Hand-written Utf8JsonWriter output: no reflection or metadata, same JSON.</summary>
public sealed class ManualReplySerializer : IReplySerializer
{
    public byte[] Serialize(QueryResult reply)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("op", reply.Op);
            writer.WriteNumber("payloadLength", reply.PayloadLength);
            writer.WriteString("digest", reply.Digest);
            if (reply.BenchmarkId is null) writer.WriteNull("benchmarkId"); else writer.WriteString("benchmarkId", reply.BenchmarkId);
            writer.WriteNumber("servedAtUnixMs", reply.ServedAtUnixMs);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(QueryResult))]
[JsonSerializable(typeof(QueryRequestBody))]
[JsonSerializable(typeof(Kafka.EndToEndSnapshot))]
[JsonSerializable(typeof(SeenSnapshot))]
[JsonSerializable(typeof(RetainedSnapshot))]
public sealed partial class TargetJsonContext : JsonSerializerContext;
