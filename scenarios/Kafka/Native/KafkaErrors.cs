using System.Collections.Concurrent;
using Confluent.Kafka;

namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// librdkafka error codes as responses show them: Confluent.Kafka's ErrorCode name (e.g. Local_MsgTimedOut,
/// so both producers report the same statuses) or librdkafka's own name for a code Confluent does not know,
/// with rd_kafka_err2str's text. One immutable failure per code, so a failed report allocates nothing.
/// </summary>
internal sealed class KafkaErrors(RdKafkaApi api)
{
    private readonly ConcurrentDictionary<int, KafkaFailure> _byCode = new();

    public KafkaFailure Of(int code) => _byCode.TryGetValue(code, out var failure) ? failure : _byCode.GetOrAdd(code, Create);

    public static string Name(int code, Func<int, string> nativeName) =>
        Enum.IsDefined((ErrorCode)code) ? ((ErrorCode)code).ToString() : nativeName(code);

    private KafkaFailure Create(int code) => new(Name(code, api.ErrorName), api.ErrorReason(code));
}
