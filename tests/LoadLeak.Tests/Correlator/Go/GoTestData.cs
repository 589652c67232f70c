namespace LoadLeak.Tests.Correlator.Go;

/// <summary>The captured fixture outputs in Correlator/Go/Data (see capture.sh there).</summary>
internal static class GoTestData
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Correlator", "Go", "Data", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));
}
