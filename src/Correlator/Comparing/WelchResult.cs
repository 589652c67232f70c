namespace LoadLeak.Correlator.Comparing;

/// <summary>Welch's t-test of candidate minus baseline: the difference, its confidence interval and the p-value.</summary>
internal sealed record WelchResult(double Difference, double Low, double High, double DegreesOfFreedom, double PValue)
{
    public bool Significant => PValue < WelchTest.Alpha;
}
