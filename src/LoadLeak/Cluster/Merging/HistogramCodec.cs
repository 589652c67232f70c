using HdrHistogram;
using HdrHistogram.Utilities;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Merging;

/// <summary>
/// Latency histograms on the wire: HdrHistogram's own compressed encoding (V2, deflated), in base64. The
/// encoding keeps every bucket count, so a decoded histogram is the agent's histogram, bucket for bucket.
/// </summary>
internal static class HistogramCodec
{
    /// <summary>Larger payloads are refused before decoding; an interval histogram of the engine is a few KB.</summary>
    public const int MaxEncodedChars = 512 * 1024;

    public static string Encode(HistogramBase histogram)
    {
        var bytes = new byte[histogram.GetNeededByteBufferCapacity() + 64];
        var buffer = ByteBuffer.Allocate(bytes);
        var length = HistogramEncoding.EncodeIntoCompressedByteBuffer(histogram, buffer);
        buffer.Position = 0;
        var encoded = new byte[length];
        for (var i = 0; i < length; i++) encoded[i] = buffer.Get();
        return Convert.ToBase64String(encoded);
    }

    /// <summary>Decodes a histogram; false (never an exception) for anything that is not one.</summary>
    public static bool TryDecode(string? base64, out HistogramBase? histogram)
    {
        histogram = null;
        if (string.IsNullOrEmpty(base64) || base64.Length > MaxEncodedChars) return false;
        try
        {
            var buffer = ByteBuffer.Allocate(Convert.FromBase64String(base64));
            histogram = HistogramEncoding.DecodeFromCompressedByteBuffer(buffer, 0);
            return histogram is not null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The decoder throws a variety of types (format, index, invalid data, argument) on bad input.
            return false;
        }
    }
}
