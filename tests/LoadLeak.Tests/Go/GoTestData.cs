namespace LoadLeak.Tests.Go;

/// <summary>The captured fixture outputs in Go/Data (see capture.sh there).</summary>
internal static class GoTestData
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Go", "Data", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));
}
