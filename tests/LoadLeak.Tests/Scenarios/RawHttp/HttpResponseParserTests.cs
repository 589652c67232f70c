using System.Text;
using LoadLeak.Scenarios.Http.Raw;

namespace LoadLeak.Tests.Scenarios.RawHttp;

public class HttpResponseParserTests
{
    private const string Chunked =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n" +
        "5;name=value\r\nhello\r\n" + "1A ; ext\r\nabcdefghijklmnopqrstuvwxyz\r\n" + "0;last\r\nX-Trailer: 1\r\nY: 2\r\n\r\n";

    public static TheoryData<string, int, long, bool> WellFormed => new()
    {
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello", 200, 5, true },
        { "HTTP/1.1 201 Created\r\ncontent-LENGTH:   3  \r\n\r\nabc", 201, 3, true },
        { "HTTP/1.1 204 No Content\r\n\r\n", 204, 0, true },
        { "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive, Close\r\n\r\n", 200, 0, false },
        { "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, 2, false },
        { "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", 200, 2, true },
        {
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope",
            404, 4, true
        },
        { Chunked, 200, 31, true },
        { "HTTP/1.1 500 Oops\nContent-Length: 1\n\nx", 500, 1, true },
        { "HTTP/1.1 200\r\nContent-Length: 1\r\n\r\nx", 200, 1, true },
    };

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void Parses_a_response_split_at_every_offset(string text, int status, long bodyBytes, bool keepAlive)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var parser = NewParser();
            var first = parser.Feed(bytes.AsSpan(0, split));
            var result = first == ParseStatus.Done ? first : parser.Feed(bytes.AsSpan(split));
            Assert.True(result == ParseStatus.Done, $"split at {split}: {result} {parser.Problem}");
            Assert.Equal((status, bodyBytes, keepAlive, false), (parser.StatusCode, parser.BodyBytes, parser.KeepAlive, parser.HasExtraBytes));
        }
    }

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void Parses_a_response_fed_byte_by_byte(string text, int status, long bodyBytes, bool keepAlive)
    {
        var parser = NewParser();
        var bytes = Encoding.ASCII.GetBytes(text);
        for (var i = 0; i < bytes.Length; i++)
            Assert.Equal(i == bytes.Length - 1 ? ParseStatus.Done : ParseStatus.NeedMore, parser.Feed(bytes.AsSpan(i, 1)));
        Assert.Equal((status, bodyBytes, keepAlive), (parser.StatusCode, parser.BodyBytes, parser.KeepAlive));
    }

    [Fact]
    public void Without_length_the_body_runs_to_the_close()
    {
        var parser = NewParser();
        Assert.Equal(ParseStatus.NeedMore, parser.Feed("HTTP/1.1 200 OK\r\nServer: x\r\n\r\nsome"u8));
        Assert.Equal(ParseStatus.NeedMore, parser.Feed(" more"u8));
        Assert.True(parser.EndsAtClose);
        Assert.False(parser.KeepAlive);
        Assert.Equal(9, parser.BodyBytes);
    }

    [Fact]
    public void An_unknown_final_transfer_coding_runs_to_the_close()
    {
        var parser = NewParser();
        Assert.Equal(ParseStatus.NeedMore, parser.Feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\nContent-Length: 3\r\n\r\nabcd"u8));
        Assert.True(parser.EndsAtClose);
    }

    [Fact]
    public void A_body_larger_than_any_buffer_is_counted()
    {
        var parser = NewParser();
        Assert.Equal(ParseStatus.NeedMore, parser.Feed("HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n"u8));
        var piece = new byte[65536];
        var fed = 0;
        while (fed + piece.Length < 10_000_000) { Assert.Equal(ParseStatus.NeedMore, parser.Feed(piece)); fed += piece.Length; }
        Assert.Equal(ParseStatus.Done, parser.Feed(piece.AsSpan(0, 10_000_000 - fed)));
        Assert.Equal(10_000_000, parser.BodyBytes);
    }

    [Fact]
    public void A_head_response_has_no_body_whatever_its_length_says()
    {
        var parser = new HttpResponseParser();
        parser.Reset(isHead: true);
        Assert.Equal(ParseStatus.Done, parser.Feed("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n"u8));
        Assert.Equal(0, parser.BodyBytes);
    }

    [Fact]
    public void Bytes_after_the_response_mark_the_connection_unusable()
    {
        var parser = NewParser();
        Assert.Equal(ParseStatus.Done, parser.Feed("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1"u8));
        Assert.True(parser.HasExtraBytes);
    }

    [Fact]
    public void The_reason_phrase_is_kept_for_failures_only()
    {
        var parser = NewParser();
        parser.Feed("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"u8);
        Assert.Equal("Service Unavailable", parser.ReasonPhrase);
        parser.Reset(false);
        parser.Feed("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8);
        Assert.Null(parser.ReasonPhrase);
    }

    [Theory]
    [InlineData("HTTP/2 200 OK\r\n\r\n", "status line")]
    [InlineData("HTTP/1.1 20 OK\r\n\r\n", "status line")]
    [InlineData("HTTP/1.1 200OK\r\n\r\n", "status line")]
    [InlineData("<html>\r\n", "status line")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "header field")]
    [InlineData("HTTP/1.1 200 OK\r\n: empty name\r\n\r\n", "header field")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length : 1\r\n\r\n", "header field")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", "Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "two different Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "chunk size")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n;ext\r\n", "chunk size")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n", "chunk size")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n", "line break after a chunk")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n", "trailer")]
    public void Malformed_responses_say_what_is_wrong_at_every_split(string text, string problem)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var parser = NewParser();
            var first = parser.Feed(bytes.AsSpan(0, split));
            var result = first == ParseStatus.Malformed ? first : parser.Feed(bytes.AsSpan(split));
            Assert.True(result == ParseStatus.Malformed, $"split at {split}: {result}");
            Assert.Contains(problem, parser.Problem);
        }
    }

    [Fact]
    public void An_endless_head_is_malformed()
    {
        var parser = NewParser();
        Assert.Equal(ParseStatus.NeedMore, parser.Feed("HTTP/1.1 200 OK\r\n"u8));
        var field = "X-Filler: 0123456789012345678901234567890123456789\r\n"u8.ToArray();
        var status = ParseStatus.NeedMore;
        for (var i = 0; i < 10_000 && status == ParseStatus.NeedMore; i++) status = parser.Feed(field);
        Assert.Equal(ParseStatus.Malformed, status);
        Assert.Contains("head is longer", parser.Problem);
    }

    [Fact]
    public void An_endless_line_is_malformed()
    {
        var parser = NewParser();
        var status = parser.Feed("HTTP/1.1 200 OK\r\nX: "u8);
        for (var i = 0; i < 1000 && status == ParseStatus.NeedMore; i++) status = parser.Feed(new byte[100]);
        Assert.Equal(ParseStatus.Malformed, status);
    }

    private static HttpResponseParser NewParser()
    {
        var parser = new HttpResponseParser();
        parser.Reset(isHead: false);
        return parser;
    }
}
