using LoadLeak.Commands;

namespace LoadLeak.Tests.LoadLeak.Commands;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("1h", 3600)]
    [InlineData("90m", 5400)]
    [InlineData("45s", 45)]
    [InlineData("1h30m", 5400)]
    [InlineData("00:10:00", 600)]
    public void Durations_parse(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var d));
        Assert.Equal(seconds, d.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5s")]
    [InlineData("0s")]
    public void Bad_durations_are_refused(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
