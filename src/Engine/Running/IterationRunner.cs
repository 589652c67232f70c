using LoadLeak.Engine.Api;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Engine.Running;

/// <summary>
/// Runs one iteration of a scenario and records it. This is the hot path: no locks, one small
/// context object per call. A throwing scenario counts as a failure with status "exception", a failed
/// step as the step's failure; an iteration cut short by the engine's own cancellation is not counted at all.
/// The closed model's copies call <see cref="Start"/> and <see cref="Finish"/> around their own await, so an iteration
/// is not an async method of its own (one continuation per iteration fewer); the open model uses <see cref="RunAsync"/>.
/// </summary>
internal sealed class IterationRunner(
    ScenarioProps props, ScenarioMetrics metrics, StepTable steps, RunClock clock, IEngineLog log, Action onFailLimit)
{
    public const string ExceptionStatus = "exception";

    private readonly Func<IScenarioContext, ValueTask<Response>> _run = ValueIteration.Of(props.Run);
    private long _invocations;

    /// <summary>Counts the iteration started and runs the scenario up to its first await; a throw becomes the result.</summary>
    /// <param name="meter">The phase the iteration belongs to; the caller has already counted it in flight there.</param>
    /// <param name="intendedTimestamp">Open model: when the schedule wanted it to start; closed model: its start.</param>
    public ValueTask<Response> Start(PhaseMeter meter, long intendedTimestamp, long startTimestamp, ScenarioInfo info, CancellationToken stop)
    {
        metrics.Started(meter, intendedTimestamp, startTimestamp);
        try
        {
            return _run(new ScenarioContext(Interlocked.Increment(ref _invocations), info, log, stop, steps, meter.Measured));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<Response>(e);
        }
    }

    /// <summary>What an iteration that threw counts as: null (not counted) when the engine's own stop cut it short.</summary>
    public static Response? Outcome(Exception exception, CancellationToken stop) => exception switch
    {
        StepFailedException failed => failed.Response,
        OperationCanceledException when stop.IsCancellationRequested => null,
        _ => Response.Fail(ExceptionStatus, exception.Message),
    };

    /// <summary>A scenario that returned null instead of a response.</summary>
    public static Response NoResponse() => Response.Fail("null", "the scenario returned no response");

    /// <summary>Records the iteration <see cref="Start"/> began (null: not counted) and leaves its phase.</summary>
    public void Finish(PhaseMeter meter, Response? response, long intendedTimestamp, long startTimestamp)
    {
        metrics.Finished(meter, response, intendedTimestamp, startTimestamp, clock.Now());
        if (response is { IsOk: false } && props.MaxFailCount > 0 && metrics.FailsSoFar >= props.MaxFailCount)
            onFailLimit();
    }

    public async ValueTask RunAsync(PhaseMeter meter, long intendedTimestamp, long startTimestamp, ScenarioInfo info, CancellationToken stop)
    {
        var iteration = Start(meter, intendedTimestamp, startTimestamp, info, stop);
        Response? response;
        try
        {
            response = await iteration.ConfigureAwait(false) ?? NoResponse();
        }
        catch (Exception e)
        {
            response = Outcome(e, stop);
        }
        Finish(meter, response, intendedTimestamp, startTimestamp);
    }
}
