namespace LoadLeak.Tests.Results;

/// <summary>
/// The files in Results/Golden were written by LoadLeak before run.json's model was unified (session 5): the
/// format users' scripts read. Never regenerate them to make a test pass; a difference is a format change.
/// </summary>
internal static class Golden
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Results", "Golden", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));

    /// <summary>Equal as JSON: same keys, values and array order; the order of an object's keys does not matter.</summary>
    public static void AssertJson(string name, string actual) => Assert.Equal(JsonCanonical.Of(Read(name)), JsonCanonical.Of(actual));

    /// <summary>stream.jsonl: one JSON document per line, each compared as <see cref="AssertJson"/> does.</summary>
    public static void AssertJsonLines(string name, string actual)
    {
        var expected = Lines(Read(name));
        var lines = Lines(actual);
        Assert.Equal(expected.Count, lines.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(JsonCanonical.Of(expected[i]), JsonCanonical.Of(lines[i]));
    }

    private static List<string> Lines(string text) => text.Split('\n').Where(l => l.Trim().Length > 0).ToList();
}
