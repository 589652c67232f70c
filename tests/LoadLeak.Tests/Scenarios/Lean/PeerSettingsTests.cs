using System.Buffers.Binary;
using LoadLeak.Engine;
using LoadLeak.Scenarios.Grpc;
using LoadLeak.Scenarios.Grpc.Lean.Framing;

namespace LoadLeak.Tests.Scenarios.Lean;

public class PeerSettingsTests
{
    [Fact]
    public void Settings_apply_and_report_the_initial_window_change()
    {
        var settings = new PeerSettings();
        Assert.Equal(int.MaxValue, settings.MaxConcurrentStreams);
        var change = settings.Apply(Payload((0x3, 2), (0x4, 1_000_000), (0x5, 32_768), (0x1, 0), (0x6, 100), (0xfe, 7), (0x2, 0)));
        Assert.Equal(1_000_000 - PeerSettings.DefaultWindowSize, change);
        Assert.Equal(2, settings.MaxConcurrentStreams);
        Assert.Equal(32_768, settings.MaxFrameSize);
        Assert.Equal(-999_000, settings.Apply(Payload((0x4, 1_000))));
        Assert.Equal(0, settings.Apply([]));
    }

    [Theory]
    [InlineData(0x2, 1u, "ProtocolError")]
    [InlineData(0x2, 2u, "ProtocolError")]
    [InlineData(0x4, 0x8000_0000u, "FlowControlError")]
    [InlineData(0x5, 16_383u, "ProtocolError")]
    [InlineData(0x5, 16_777_216u, "ProtocolError")]
    public void Invalid_values_are_connection_errors(ushort id, uint value, string code) =>
        Assert.Equal(code, Assert.Throws<Http2ConnectionException>(() => new PeerSettings().Apply(Payload((id, value)))).Code.ToString());

    [Fact]
    public void A_payload_not_made_of_six_byte_entries_is_a_frame_size_error() =>
        Assert.Equal(Http2ErrorCode.FrameSizeError, Assert.Throws<Http2ConnectionException>(() => new PeerSettings().Apply(new byte[7])).Code);

    [Fact]
    public void Client_setting_picks_the_lean_client_for_http_only()
    {
        var env = Settings.Env(null, ("grpcPort", "5081"));
        Assert.Equal(GrpcClientKind.Lean, GrpcSettings.Read(Settings.Reader("{}", env)).Client);
        Assert.Equal(GrpcClientKind.GrpcNet, GrpcSettings.Read(Settings.Reader("""{"Client":"grpc-net"}""", env)).Client);
        Assert.Equal(GrpcClientKind.Lean, GrpcSettings.Read(Settings.Reader("""{"Client":"lean"}""", env)).Client);
        var https = Assert.Throws<ConfigException>(() => GrpcSettings.Read(Settings.Reader("""{"Client":"lean","Address":"https://127.0.0.1:5001"}""",
            env)));
        Assert.StartsWith("CustomSettings.Client of scenario 'test': 'lean' speaks HTTP/2 over cleartext only", https.Message);
        var unknown = Assert.Throws<ConfigException>(() => GrpcSettings.Read(Settings.Reader("""{"Client":"fast"}""", env)));
        Assert.Equal("CustomSettings.Client of scenario 'test': 'fast' is not one of 'auto', 'grpc-net', 'lean'", unknown.Message);
    }

    private static byte[] Payload(params (ushort Id, uint Value)[] entries)
    {
        var payload = new byte[entries.Length * 6];
        for (var i = 0; i < entries.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(i * 6), entries[i].Id);
            BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(i * 6 + 2), entries[i].Value);
        }
        return payload;
    }
}
