namespace LoadLeak.Results;

/// <summary>Retained bytes per request of one scenario: a coefficient of the regression of retained heap on requests.</summary>
public sealed record RequestRegression(string Scenario, double BytesPerRequest, double RSquared, int Points);
