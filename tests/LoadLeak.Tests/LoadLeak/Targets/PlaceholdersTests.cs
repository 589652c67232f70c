using LoadLeak.Targets;

namespace LoadLeak.Tests.LoadLeak.Targets;

public sealed class PlaceholdersTests
{
    [Fact]
    public void Placeholders_fill_every_occurrence()
    {
        var p = new Placeholders().Set("port", "1234").Set("kafka", "127.0.0.1:9");
        Assert.Equal("x 1234 1234 127.0.0.1:9 {other}", p.Fill("x {port} {port} {kafka} {other}"));
    }
}
