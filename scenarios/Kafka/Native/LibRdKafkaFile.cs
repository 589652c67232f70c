using System.Runtime.InteropServices;

namespace LoadLeak.Scenarios.Kafka.Native;

/// <summary>
/// The librdkafka file Confluent.Kafka ships next to the app, loaded for LoadLeak's own binding
/// (<see cref="RdKafkaApi"/>: the native producer and the embedded mock cluster). On Debian 12 the plain librdkafka.so needs the
/// missing libsasl2.so.3, so centos8-librdkafka.so is the fallback.
/// </summary>
internal static class LibRdKafkaFile
{
    public static IEnumerable<string> CandidatePaths()
    {
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        yield return Path.Combine(native, "librdkafka.so");
        yield return Path.Combine(native, "centos8-librdkafka.so");
        yield return Path.Combine(AppContext.BaseDirectory, "librdkafka.so");
    }

    /// <summary>The first candidate that loads; <paramref name="purpose"/> names the caller in the error listing every attempt.</summary>
    public static (string Path, nint Handle) Load(string purpose)
    {
        var failures = new List<string>();
        foreach (var path in CandidatePaths())
        {
            if (!File.Exists(path)) { failures.Add($"{path}: missing"); continue; }
            if (NativeLibrary.TryLoad(path, out var handle)) return (path, handle);
            failures.Add($"{path}: could not be loaded (missing dependency?)");
        }
        throw new DllNotFoundException($"librdkafka for {purpose}: " + string.Join("; ", failures));
    }
}
