using System.Diagnostics;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Stats;

namespace LoadLeak.Engine.Running;

/// <summary>
/// Runs one iteration of a scenario and records it. This is the hot path: no locks, one small
/// context object per call. A throwing scenario counts as a failure with status "exception";
/// an iteration cut short by the engine's own cancellation is not counted at all.
/// </summary>
internal sealed class IterationRunner(ScenarioProps props, ScenarioMetrics metrics, IEngineLog log, Action onFailLimit)
{
    public const string ExceptionStatus = "exception";

    private long _invocations;

    /// <param name="intendedTimestamp">Open model: when the schedule wanted this iteration to start; closed model: null (it starts when the copy is ready).</param>
    public async Task RunAsync(long? intendedTimestamp, bool measured, ScenarioInfo info, CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp();
        var intended = intendedTimestamp ?? start;
        metrics.Started(intended, start, measured);
        Response? response = null;
        try
        {
            var context = new ScenarioContext(Interlocked.Increment(ref _invocations), info, log, stop);
            response = await props.Run(context).ConfigureAwait(false)
                       ?? Response.Fail("null", "the scenario returned no response");
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
            metrics.Finished(response, intended, start, Stopwatch.GetTimestamp(), measured);
        }
        if (response is { IsOk: false } && props.MaxFailCount > 0 && metrics.FailsSoFar >= props.MaxFailCount)
            onFailLimit();
    }
}
