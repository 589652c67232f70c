namespace LoadLeak.Scenarios.Grpc.Lean.Hpack;

/// <summary>RFC 7541 Appendix A: the 61 predefined header fields, index 1 first.</summary>
internal static class HpackStaticTable
{
    public const int Count = 61;

    // Indices the request header block uses.
    public const int Authority = 1, MethodPost = 3, Path = 4, SchemeHttp = 6, ContentType = 31, UserAgent = 58;

    private static readonly HeaderField[] Entries =
    [
        HeaderField.Of(":authority"), HeaderField.Of(":method", "GET"), HeaderField.Of(":method", "POST"),
        HeaderField.Of(":path", "/"), HeaderField.Of(":path", "/index.html"), HeaderField.Of(":scheme", "http"),
        HeaderField.Of(":scheme", "https"), HeaderField.Of(":status", "200"), HeaderField.Of(":status", "204"),
        HeaderField.Of(":status", "206"), HeaderField.Of(":status", "304"), HeaderField.Of(":status", "400"),
        HeaderField.Of(":status", "404"), HeaderField.Of(":status", "500"), HeaderField.Of("accept-charset"),
        HeaderField.Of("accept-encoding", "gzip, deflate"), HeaderField.Of("accept-language"), HeaderField.Of("accept-ranges"),
        HeaderField.Of("accept"), HeaderField.Of("access-control-allow-origin"), HeaderField.Of("age"),
        HeaderField.Of("allow"), HeaderField.Of("authorization"), HeaderField.Of("cache-control"),
        HeaderField.Of("content-disposition"), HeaderField.Of("content-encoding"), HeaderField.Of("content-language"),
        HeaderField.Of("content-length"), HeaderField.Of("content-location"), HeaderField.Of("content-range"),
        HeaderField.Of("content-type"), HeaderField.Of("cookie"), HeaderField.Of("date"),
        HeaderField.Of("etag"), HeaderField.Of("expect"), HeaderField.Of("expires"),
        HeaderField.Of("from"), HeaderField.Of("host"), HeaderField.Of("if-match"),
        HeaderField.Of("if-modified-since"), HeaderField.Of("if-none-match"), HeaderField.Of("if-range"),
        HeaderField.Of("if-unmodified-since"), HeaderField.Of("last-modified"), HeaderField.Of("link"),
        HeaderField.Of("location"), HeaderField.Of("max-forwards"), HeaderField.Of("proxy-authenticate"),
        HeaderField.Of("proxy-authorization"), HeaderField.Of("range"), HeaderField.Of("referer"),
        HeaderField.Of("refresh"), HeaderField.Of("retry-after"), HeaderField.Of("server"),
        HeaderField.Of("set-cookie"), HeaderField.Of("strict-transport-security"), HeaderField.Of("transfer-encoding"),
        HeaderField.Of("user-agent"), HeaderField.Of("vary"), HeaderField.Of("via"),
        HeaderField.Of("www-authenticate"),
    ];

    /// <summary>The entry at a 1-based index (1 … 61).</summary>
    public static HeaderField Get(int index) => Entries[index - 1];
}
