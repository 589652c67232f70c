using System.Threading.Tasks.Sources;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;
using static LoadLeak.Tests.Engine.EngineHarness;

namespace LoadLeak.Tests.Engine;

[Collection(EngineRuns.Collection)]
public class ValueIterationTests
{
    private static readonly IScenarioContext Context = new TestContext();

    [Fact]
    public async Task The_engine_calls_a_value_scenario_without_a_Task_in_between()
    {
        var source = new OneResponse();
        var props = Scenario.CreateValue("value", _ => source.Pending());

        var iteration = ValueIteration.Of(props.Run)(Context);

        // Equal ValueTasks share their source and token: one wrapped into a Task would not.
        Assert.Equal(source.Pending(), iteration);
        source.Complete(Response.Ok("200"));
        Assert.Equal("200", (await iteration).StatusCode);
    }

    [Fact]
    public async Task The_public_Run_of_a_value_scenario_answers_and_a_replaced_Run_is_the_one_called()
    {
        var props = Scenario.CreateValue("value", _ => ValueTask.FromResult(Response.Ok("201")));
        var replaced = props with { Run = _ => Task.FromResult(Response.Fail("503")) };

        Assert.Equal("201", (await props.Run(Context)).StatusCode);
        Assert.Equal("503", (await ValueIteration.Of(replaced.Run)(Context)).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Value_scenarios_count_responses_throws_faults_and_nulls_in_both_models(bool open)
    {
        var scenario = Scenario.CreateValue("value", ctx => (ctx.InvocationNumber % 4) switch
            {
                0 => throw new InvalidOperationException("sync"),
                1 => ValueTask.FromResult(Response.Ok("200")),
                2 => Faulted(),
                _ => ValueTask.FromResult<Response>(null!),
            })
            .WithLoadSimulations(open
                ? new IterationsForInject(400, TimeSpan.FromSeconds(0.1), 400)
                : new IterationsForConstant(2, 400));

        var stats = (await RunAsync(scenario)).Scenarios[0];

        Assert.Equal(100, stats.Ok);
        Assert.Equal(300, stats.Fail);
        Assert.Contains(new ErrorCount("exception", "sync", 100), stats.Errors);
        Assert.Contains(new ErrorCount("exception", "async", 100), stats.Errors);
        Assert.Contains(new ErrorCount("null", "the scenario returned no response", 100), stats.Errors);
    }

    private static async ValueTask<Response> Faulted()
    {
        await Task.Yield();
        throw new InvalidOperationException("async");
    }

    private sealed class OneResponse : IValueTaskSource<Response>
    {
        private ManualResetValueTaskSourceCore<Response> _core;

        public ValueTask<Response> Pending() => new(this, _core.Version);
        public void Complete(Response response) => _core.SetResult(response);
        public Response GetResult(short token) => _core.GetResult(token);
        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }

    private sealed class TestContext : IScenarioContext
    {
        public long InvocationNumber => 1;
        public ScenarioInfo ScenarioInfo { get; } = new("value", 0);
        public IEngineLog Logger => NullEngineLog.Instance;
        public CancellationToken CancellationToken => CancellationToken.None;
    }
}
