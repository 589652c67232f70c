using System.Text;

namespace LoadLeak.Targets;

/// <summary>Splits a command string as a POSIX shell would for plain words and quotes (no expansion).</summary>
internal static class CommandLineSplitter
{
    public static IReadOnlyList<string> Split(string command, string flagName)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote is not null)
            {
                if (c == quote) { quote = null; continue; }
                if (c == '\\' && quote == '"' && i + 1 < command.Length) { current.Append(command[++i]); continue; }
                current.Append(c);
                continue;
            }
            if (c is '"' or '\'') { quote = c; inWord = true; continue; }
            if (c == '\\' && i + 1 < command.Length) { current.Append(command[++i]); inWord = true; continue; }
            if (char.IsWhiteSpace(c))
            {
                if (inWord) { words.Add(current.ToString()); current.Clear(); inWord = false; }
                continue;
            }
            current.Append(c);
            inWord = true;
        }
        if (quote is not null)
            throw new Engine.ConfigException($"{flagName}: unterminated {quote} quote in '{command}'");
        if (inWord) words.Add(current.ToString());
        if (words.Count == 0)
            throw new Engine.ConfigException($"{flagName}: the command is empty");
        return words;
    }
}
