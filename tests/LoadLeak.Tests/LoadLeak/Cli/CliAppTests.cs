using LoadLeak.Cli;
using LoadLeak.Tests.Shared;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LoadLeak.Tests.LoadLeak.Cli;

/// <summary>The help's examples are real command lines: Spectre parses each against the commands' settings.</summary>
public sealed class CliAppTests
{
    [Fact]
    public async Task Every_example_in_the_help_parses()
    {
        var app = Configured(_ => { });
        Assert.Equal(0, await app.RunAsync(["--help"]));
    }

    [Fact]
    public async Task An_example_with_an_unknown_flag_fails_the_validation()
    {
        // Proves the check above runs: the same configuration plus one broken example is refused.
        var app = Configured(config => config.AddExample("run", "--no-such-flag"));
        var error = await Assert.ThrowsAsync<CommandConfigurationException>(() => app.RunAsync(["--help"]));
        Assert.Contains("example", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static CommandApp Configured(Action<IConfigurator> more)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            CliApp.Configure(config, new RecordingUserConsole());
            more(config);
            config.ValidateExamples();
            config.PropagateExceptions();
            config.Settings.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        });
        return app;
    }
}
