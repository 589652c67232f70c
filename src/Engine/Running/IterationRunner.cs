using LoadLeak.Engine.Api;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Engine.Running;

/// <summary>
/// Runs one iteration of a scenario and records it. This is the hot path: no locks, one small
/// context object per call. A throwing scenario counts as a failure with status "exception", a failed
/// step as the step's failure; an iteration cut short by the engine's own cancellation is not counted at all.
/// </summary>
internal sealed class IterationRunner(
    ScenarioProps props, ScenarioMetrics metrics, StepTable steps, RunClock clock, IEngineLog log, Action onFailLimit)
{
    public const string ExceptionStatus = "exception";

    private long _invocations;

    /// <param name="meter">The phase the iteration belongs to; the caller has already counted it in flight there.</param>
    /// <param name="intendedTimestamp">Open model: when the schedule wanted it to start; closed model: its start.</param>
    public async Task RunAsync(PhaseMeter meter, long intendedTimestamp, long startTimestamp, ScenarioInfo info, CancellationToken stop)
    {
        metrics.Started(meter, intendedTimestamp, startTimestamp);
        Response? response = null;
        try
        {
            var context = new ScenarioContext(Interlocked.Increment(ref _invocations), info, log, stop, steps, meter.Measured);
            response = await props.Run(context).ConfigureAwait(false)
                       ?? Response.Fail("null", "the scenario returned no response");
        }
        catch (StepFailedException failed)
        {
            response = failed.Response;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            response = null;
        }
        catch (Exception e)
        {
            response = Response.Fail(ExceptionStatus, e.Message);
        }
        finally
        {
            metrics.Finished(meter, response, intendedTimestamp, startTimestamp, clock.Now());
        }
        if (response is { IsOk: false } && props.MaxFailCount > 0 && metrics.FailsSoFar >= props.MaxFailCount)
            onFailLimit();
    }
}
