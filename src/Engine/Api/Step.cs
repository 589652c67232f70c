using LoadLeak.Engine.Running;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Engine.Api;

/// <summary>
/// A named part of an iteration, measured on its own, as NBomber's <c>Step.Run</c>:
/// <code>
/// var login = await Step.Run("login", ctx, async () => { …; return Response.Ok(); });
/// </code>
/// Each step gets ok and fail counts and a latency histogram in <see cref="ScenarioStats.Steps"/>. A step
/// that fails (a Fail response, or an exception) ends the iteration as failed with the step's status and
/// message; with <see cref="ScenarioProps.WithRestartIterationOnFail"/>(false) Step.Run returns the failed
/// response instead and the scenario decides. The warm-up runs steps without recording them.
/// </summary>
public static class Step
{
    public static Task<Response> Run(string name, IScenarioContext context, Func<Task<Response>> run)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        // Outside the engine (a scenario function called from a user's own test) the step runs unrecorded.
        var engine = context as ScenarioContext;
        var steps = engine?.Recording;
        var meter = steps?.Get(name);
        var start = steps?.Clock.Now() ?? 0;
        Task<Response> task;
        try
        {
            task = run() ?? Task.FromResult<Response>(null!);
        }
        catch (Exception e)
        {
            task = Task.FromException<Response>(e);
        }
        // The common case: two clock reads, one Interlocked add, nothing allocated.
        if (task.IsCompletedSuccessfully && task.Result is { IsOk: true } ok)
        {
            meter?.Record(ok, steps!.Micros(steps.Clock.Now() - start));
            return task;
        }
        return CompleteAsync(name, context, engine?.Steps, meter, start, task);
    }

    private static async Task<Response> CompleteAsync(
        string name, IScenarioContext context, StepTable? steps, StepMeter? meter, long start, Task<Response> task)
    {
        Response response;
        try
        {
            response = await task.ConfigureAwait(false) ?? Response.Fail("null", "the step returned no response");
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            response = Response.Fail(IterationRunner.ExceptionStatus, e.Message);
        }
        meter?.Record(response, steps!.Micros(steps.Clock.Now() - start));
        if (!response.IsOk && (steps?.RestartIterationOnFail ?? true)) throw new StepFailedException(name, response);
        return response;
    }
}
