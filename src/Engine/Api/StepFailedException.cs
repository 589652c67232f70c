namespace LoadLeak.Engine.Api;

/// <summary>
/// Ends an iteration whose step failed (NBomber's RestartIterationOnFail). The engine records the
/// iteration as failed with the step's response; the message names the step.
/// </summary>
internal sealed class StepFailedException(string step, Response response)
    : Exception($"step '{step}' failed: {response.StatusCode} {response.Message}")
{
    public Response Response { get; } = response with { Message = $"step '{step}': {response.Message}" };
}
