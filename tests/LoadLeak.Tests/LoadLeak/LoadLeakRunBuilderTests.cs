using LoadLeak.Engine.Api;

namespace LoadLeak.Tests.LoadLeak;

public class LoadLeakRunBuilderTests
{
    private static readonly LoadLeakRunBuilder Builder =
        LoadLeakRunner.RegisterScenarios(Scenario.Create("flow", _ => Task.FromResult(Response.Ok())));

    [Fact]
    public void Without_a_command_it_runs_and_what_the_code_set_becomes_flags()
    {
        var line = Builder.LoadConfig("my.json").WithTarget("dotnet app.dll --port {port}", "http://127.0.0.1:{port}/healthz")
            .CommandLine(["--duration-scale", "0.5"]);

        Assert.Equal(["run", "--duration-scale", "0.5", "--config", "my.json", "--target-cmd", "dotnet app.dll --port {port}",
            "--target-url", "http://127.0.0.1:{port}/healthz"], line);
    }

    [Fact]
    public void Flags_on_the_command_line_win_over_the_code()
    {
        var line = Builder.LoadConfig("my.json").WithTarget("dotnet app.dll").CommandLine(["soak", "-c", "other.json", "--target-pid", "42"]);
        Assert.Equal(["soak", "-c", "other.json", "--target-pid", "42"], line);
    }

    [Fact]
    public void Without_a_config_no_config_flag_is_added_and_no_file_written()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "loadleak-code-scenarios-*").Length;
        Assert.Equal(["run"], Builder.CommandLine([]));
        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "loadleak-code-scenarios-*").Length);
    }

    [Fact]
    public void WithTargetScenarios_refuses_an_empty_name()
    {
        Assert.Throws<ArgumentException>(() => Builder.WithTargetScenarios("flow", " "));
        Assert.Equal(["flow"], Builder.WithTargetScenarios("flow").TargetScenarios);
    }

    [Fact]
    public void A_scenario_registered_twice_is_refused_by_name()
    {
        var flow = Scenario.Create("flow", _ => Task.FromResult(Response.Ok()));
        var e = Assert.Throws<ArgumentException>(() => LoadLeakRunner.RegisterScenarios(flow, flow));
        Assert.StartsWith("scenario 'flow' is registered twice", e.Message);
    }
}
