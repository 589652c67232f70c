namespace LoadLeak.Engine.Api;

/// <summary>
/// A scenario whose iteration is a <see cref="ValueTask{Response}"/>: the built-in clients complete most iterations
/// from pooled state, and a Task per iteration (plus the engine awaiting it in a layer of its own) was a measurable
/// share of their CPU per request. <see cref="Scenario.CreateValue"/> wraps it as the scenario's public
/// <see cref="ScenarioProps.Run"/>; the engine recognises that wrapper and calls the ValueTask directly, so a copy
/// made with <c>with { Run = … }</c> runs its own delegate, never a stale one.
/// </summary>
internal sealed class ValueIteration(Func<IScenarioContext, ValueTask<Response>> run)
{
    public Task<Response> RunAsTask(IScenarioContext context) => run(context).AsTask();

    /// <summary>The iteration <paramref name="run"/> stands for, without a Task when it is a wrapper made here.</summary>
    public static Func<IScenarioContext, ValueTask<Response>> Of(Func<IScenarioContext, Task<Response>> run) =>
        run.Target is ValueIteration wrapper ? wrapper.Run : context => new ValueTask<Response>(run(context));

    private ValueTask<Response> Run(IScenarioContext context) => run(context);
}
