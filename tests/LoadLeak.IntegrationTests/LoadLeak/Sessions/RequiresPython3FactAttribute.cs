using LoadLeak.IntegrationTests.Scenarios;

namespace LoadLeak.IntegrationTests.LoadLeak.Sessions;

/// <summary>A fact that launches python3 as a non-.NET target: skipped without it locally, runs (and fails clearly) in CI.</summary>
public sealed class RequiresPython3FactAttribute : FactAttribute
{
    public RequiresPython3FactAttribute()
    {
        if (ExternalTools.FindOnPath("python3") is null && !ExternalTools.IsCi)
            Skip = "python3 is not installed (apt-get install python3); required when CI=true";
    }
}
