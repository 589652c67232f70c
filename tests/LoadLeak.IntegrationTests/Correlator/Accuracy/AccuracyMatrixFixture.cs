namespace LoadLeak.IntegrationTests.Correlator.Accuracy;

/// <summary>Collects the matrix outcomes and, when the class is done, writes the table with precision and recall.</summary>
public sealed class AccuracyMatrixFixture : IDisposable
{
    public MatrixScore Score { get; } = new();

    /// <summary>Written next to the test assembly, for the README and for CI logs.</summary>
    public static string ReportPath => Path.Combine(AppContext.BaseDirectory, "accuracy-matrix.md");

    public void Dispose()
    {
        if (Score.Counts() is (0, 0, 0, 0)) return;
        File.WriteAllText(ReportPath, Score.Markdown());
    }
}
