using System.Text;

namespace LoadLeak.Tests.LoadLeak.Cli;

/// <summary>Structure-aware and byte-level mutations of JSON configs.</summary>
internal static class ConfigMutator
{
    private static readonly string[] Replacements =
    [
        "-1", "0", "1e309", "\"\"", "null", "true", "[]", "{}", "\"00:00:-5\"", "\"99:99:99\"", "\"abc\"",
        "2147483648", "-2147483649", "0.5", "\"00:00:00\"", "[1]", "[1, 2, 3, 4, 5]", "\"{port}\"", "\"http://\"",
        "{ \"Inject\": [ -5, \"00:00:01\", \"00:00:02\" ] }", "{ \"Nope\": [1] }", "\"Sequential\"", "\"Whatever\"",
    ];

    public static string Mutate(string json, Random random)
    {
        var text = json;
        var rounds = 1 + random.Next(3);
        for (var i = 0; i < rounds; i++)
            text = random.Next(6) switch
            {
                0 => DeleteSpan(text, random),
                1 => InsertChar(text, random),
                2 => ReplaceValue(text, random),
                3 => Truncate(text, random),
                4 => RenameKey(text, random),
                _ => DuplicateSpan(text, random),
            };
        return text;
    }

    private static string DeleteSpan(string s, Random r)
    {
        var start = r.Next(s.Length);
        return s.Remove(start, Math.Min(1 + r.Next(8), s.Length - start));
    }

    private const string InsertableChars = "{}[],:\"-0123456789a \\";

    private static string InsertChar(string s, Random r) =>
        s.Insert(r.Next(s.Length), InsertableChars[r.Next(InsertableChars.Length)].ToString());

    private static string Truncate(string s, Random r) => s[..r.Next(s.Length)];

    private static string DuplicateSpan(string s, Random r)
    {
        var start = r.Next(s.Length);
        var span = s.Substring(start, Math.Min(1 + r.Next(40), s.Length - start));
        return s.Insert(r.Next(s.Length), span);
    }

    // Replace a JSON scalar (number or string) with an edge-case value.
    private static string ReplaceValue(string s, Random r)
    {
        var positions = new List<(int Start, int Length)>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '"')
            {
                var end = s.IndexOf('"', i + 1);
                if (end < 0) break;
                positions.Add((i, end - i + 1));
                i = end;
            }
            else if (char.IsDigit(s[i]) || s[i] == '-')
            {
                var end = i;
                while (end < s.Length && (char.IsDigit(s[end]) || s[end] is '-' or '.' or 'e')) end++;
                positions.Add((i, end - i));
                i = end;
            }
        }
        if (positions.Count == 0) return s;
        var (start, length) = positions[r.Next(positions.Count)];
        return new StringBuilder(s).Remove(start, length).Insert(start, Replacements[r.Next(Replacements.Length)]).ToString();
    }

    private static string RenameKey(string s, Random r)
    {
        string[] keys = ["ScenarioName", "LoadSimulationsSettings", "WarmUpDuration", "CustomSettings", "TargetScenarios", "GlobalSettings",
            "ScenariosSettings", "Url", "Protocol"];
        var key = keys[r.Next(keys.Length)];
        return s.Replace("\"" + key + "\"", "\"" + key[..^1] + "\"", StringComparison.Ordinal);
    }
}

internal static class ArgumentMutator
{
    private static readonly string[] Flags =
    [
        "--config", "--out", "--target-cmd", "--target-url", "--target-pid", "--duration-scale", "--ready-timeout",
        "--no-eventpipe", "-c", "-o", "--nope", "--", "-x",
    ];

    private static readonly string[] Values =
    [
        "", "0", "-1", "1e400", "NaN", "abc", "0.1", "999999999999", "/nonexistent", "http://", "http://127.0.0.1:{port}/x",
        "\"", "dotnet x.dll", "{port}", "1", "/tmp",
    ];

    /// <summary>Always a dry run: a valid argument list plans a run, it never starts one.</summary>
    public static string[] Mutate(string config, Random random)
    {
        var args = new List<string> { "run", "--dry-run" };
        var count = random.Next(5);
        for (var i = 0; i < count; i++)
        {
            var flag = Flags[random.Next(Flags.Length)];
            args.Add(flag);
            if (random.Next(4) > 0) args.Add(flag is "--config" or "-c" && random.Next(2) == 0 ? config : Values[random.Next(Values.Length)]);
        }
        if (!args.Contains("--config") && !args.Contains("-c")) { args.Add("--config"); args.Add(config); }
        return args.ToArray();
    }
}
