using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Http;

/// <summary>
/// Whether the raw client can send the request the settings describe. It writes the request's bytes itself, so it
/// speaks plain http and HTTP/1.1 only, frames the body with Content-Length only, and sends header names and values
/// as they are (tokens and printable ASCII, so no header can smuggle a line break).
/// </summary>
internal static class RawClientFit
{
    /// <summary>The first setting the raw client cannot honour, in settings order; null when it fits.</summary>
    public static RawClientMisfit? Check(Uri url, Version version, IReadOnlyDictionary<string, string> headers, RequestTemplate template)
    {
        if (url.Scheme != Uri.UriSchemeHttp)
            return new("Url", $"Client 'raw' speaks plain http only, not '{url.Scheme}' (use Client 'httpclient' for https)", $"{url.Scheme} Url");
        if (version != System.Net.HttpVersion.Version11)
            return new("HttpVersion", "Client 'raw' speaks HTTP/1.1 only (use Client 'httpclient' for HTTP/2)", $"HttpVersion {version.ToString(1)}");
        foreach (var (name, value) in headers)
        {
            var key = "Headers." + name;
            if (name.Length == 0 || !name.All(IsTokenChar))
                return new(key, $"not a valid header name: '{name}'", $"header name '{name}' is not an HTTP token");
            if (value.Any(c => c is '\r' or '\n' or '\0' || c > '\x7e'))
                return new(key, "the value must be printable ASCII without line breaks", $"header '{name}' is not printable ASCII");
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                return new(key, "Client 'raw' frames the body with Content-Length only (use Client 'httpclient' for Transfer-Encoding)",
                    $"header '{name}' (the raw client frames bodies with Content-Length)");
        }
        if (template.BenchmarkId.Any(c => c is < ' ' or > '\x7e'))
            return new("BenchmarkId", "must be printable ASCII for Client 'raw'", "BenchmarkId is not printable ASCII");
        return null;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
