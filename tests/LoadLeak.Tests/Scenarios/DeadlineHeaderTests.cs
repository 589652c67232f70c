using LoadLeak.Scenarios.Grpc;

namespace LoadLeak.Tests.Scenarios;

public class DeadlineHeaderTests
{
    [Theory]
    [InlineData(10_000, "10000m")]
    [InlineData(1, "1m")]
    [InlineData(1.2, "2m")] // never shorter than the configured deadline
    [InlineData(3_600_000, "3600000m")] // the largest DeadlineMs still fits gRPC's 8 digits
    public void Grpc_timeout_header_is_whole_milliseconds_rounded_up(double ms, string expected) =>
        Assert.Equal(expected, DeadlineHeaderHandler.Format(TimeSpan.FromMilliseconds(ms)));
}
