using Grpc.Core;
using LoadLeak.Scenarios.Grpc.Lean.Framing;

namespace LoadLeak.Scenarios.Grpc.Lean;

/// <summary>How HTTP/2 outcomes become gRPC statuses, as Grpc.Net.Client maps them.</summary>
internal static class GrpcStatusMap
{
    /// <summary>RST_STREAM: CANCEL is Cancelled, REFUSED_STREAM Unavailable (never processed), anything else Internal.</summary>
    public static StatusCode FromReset(Http2ErrorCode code) => code switch
    {
        Http2ErrorCode.Cancel => StatusCode.Cancelled,
        Http2ErrorCode.RefusedStream => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };

    /// <summary>A response whose :status is not 200 (gRPC's http-grpc-status mapping).</summary>
    public static StatusCode FromHttpStatus(int status) => status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>The grpc-status trailer's digits; anything unparsable or unknown is Unknown.</summary>
    public static StatusCode FromGrpcStatus(ReadOnlySpan<byte> digits)
    {
        if (digits.Length is 0 or > 2) return StatusCode.Unknown;
        var value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9') return StatusCode.Unknown;
            value = value * 10 + digit - '0';
        }
        return value <= (int)StatusCode.Unauthenticated ? (StatusCode)value : StatusCode.Unknown;
    }

    /// <summary>grpc-message is percent-encoded (gRPC's PROTOCOL-HTTP2 spec).</summary>
    public static string DecodeMessage(ReadOnlySpan<byte> value)
    {
        var bytes = new byte[value.Length];
        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length
                && byte.TryParse(System.Text.Encoding.ASCII.GetString(value.Slice(i + 1, 2)), System.Globalization.NumberStyles.HexNumber,
                    System.Globalization.CultureInfo.InvariantCulture, out var decoded))
            {
                bytes[length++] = decoded;
                i += 2;
            }
            else bytes[length++] = value[i];
        }
        return System.Text.Encoding.UTF8.GetString(bytes, 0, length);
    }
}
