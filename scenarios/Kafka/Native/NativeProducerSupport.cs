namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// Whether the native producer can run in this process: LoadLeak's librdkafka binding (<see cref="RdKafkaApi"/>) finds
/// and loads the library Confluent.Kafka ships for this platform, with every export it calls. Asked once.
/// </summary>
internal static class NativeProducerSupport
{
    private static readonly Lazy<string?> Problem = new(Probe);

    /// <summary>Null when the native producer can run here; otherwise why not.</summary>
    public static string? Unavailable => Problem.Value;

    private static string? Probe()
    {
        try
        {
            _ = RdKafkaApi.Instance;
            return null;
        }
        catch (Exception failure) when (failure is DllNotFoundException or EntryPointNotFoundException)
        {
            return failure.Message;
        }
    }
}
