using System.Text;
using LoadLeak.Scenarios.Grpc.Lean;
using LoadLeak.Scenarios.Grpc.Lean.Framing;

namespace LoadLeak.Tests.Scenarios.Lean;

public class GrpcStatusMapTests
{
    [Theory]
    [InlineData("0", "OK")]
    [InlineData("4", "DeadlineExceeded")]
    [InlineData("14", "Unavailable")]
    [InlineData("16", "Unauthenticated")]
    [InlineData("17", "Unknown")]
    [InlineData("", "Unknown")]
    [InlineData("x", "Unknown")]
    [InlineData("123", "Unknown")]
    public void Grpc_status_digits_become_status_codes(string digits, string expected) =>
        Assert.Equal(expected, GrpcStatusMap.FromGrpcStatus(Encoding.ASCII.GetBytes(digits)).ToString());

    [Theory]
    [InlineData(0x8u, "Cancelled")]
    [InlineData(0x7u, "Unavailable")]
    [InlineData(0x0u, "Internal")]
    [InlineData(0x2u, "Internal")]
    [InlineData(0xbu, "Internal")]
    public void Stream_resets_map_as_grpc_net_client_maps_them(uint code, string expected) =>
        Assert.Equal(expected, GrpcStatusMap.FromReset((Http2ErrorCode)code).ToString());

    [Theory]
    [InlineData(404, "Unimplemented")]
    [InlineData(503, "Unavailable")]
    [InlineData(401, "Unauthenticated")]
    [InlineData(500, "Unknown")]
    public void Http_statuses_map_to_grpc_statuses(int status, string expected) =>
        Assert.Equal(expected, GrpcStatusMap.FromHttpStatus(status).ToString());

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("50%25 done%0A", "50% done\n")]
    [InlineData("caf%C3%A9", "café")]
    [InlineData("bad %zz and end %4", "bad %zz and end %4")]
    public void Grpc_messages_are_percent_decoded(string wire, string expected) =>
        Assert.Equal(expected, GrpcStatusMap.DecodeMessage(Encoding.ASCII.GetBytes(wire)));
}
