using global::LoadLeak.Cli;
using global::LoadLeak.Documents;
using global::LoadLeak.Results;
using LoadLeak.Tests.Shared;

namespace LoadLeak.Tests.LoadLeak.Documents;

public sealed class RunStatusExitCodeTests
{
    [Theory]
    [InlineData(RunStatus.Guarded, ExitCodes.ChecksFailed)]
    [InlineData(RunStatus.TargetDied, ExitCodes.InfrastructureError)]
    [InlineData(RunStatus.Interrupted, ExitCodes.Interrupted)]
    public void Each_status_has_its_exit_code(RunStatus status, int exitCode)
    {
        var document = SyntheticRunDocument.Create(60, 1) with { Status = status, Thresholds = [] };
        Assert.Equal(exitCode, RunDocumentBuilder.ExitCodeOf(document));
    }
}
