using LoadLeak.Engine;
using LoadLeak.Targets;

namespace LoadLeak.Tests.LoadLeak.Targets;

public sealed class CommandLineSplitterTests
{
    [Theory]
    [InlineData("dotnet app.dll --port 5", new[] { "dotnet", "app.dll", "--port", "5" })]
    [InlineData("dotnet \"my app.dll\" 'a b'", new[] { "dotnet", "my app.dll", "a b" })]
    [InlineData("a\\ b c", new[] { "a b", "c" })]
    public void Command_lines_split_like_a_shell(string command, string[] expected) =>
        Assert.Equal(expected, CommandLineSplitter.Split(command, "--target-cmd"));

    [Theory]
    [InlineData("dotnet \"unterminated")]
    [InlineData("   ")]
    public void Bad_command_lines_name_the_flag(string command) =>
        Assert.Contains("--target-cmd", Assert.Throws<ConfigException>(() => CommandLineSplitter.Split(command, "--target-cmd")).Message);
}
