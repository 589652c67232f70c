using System.Text;

namespace LoadLeak.Correlator.Sampling.Prometheus;

/// <summary>A position in one exposition line, with the format's token readers.</summary>
internal sealed class ExpositionCursor(string line)
{
    private int _at;

    public bool AtEnd => _at >= line.Length;

    public char Peek => AtEnd ? '\0' : line[_at];

    public string Rest => AtEnd ? "" : line[_at..];

    public void Advance() => _at++;

    public void SkipSpace()
    {
        while (!AtEnd && line[_at] is ' ' or '\t') _at++;
    }

    /// <summary>Up to the next space, tab or end.</summary>
    public string Word()
    {
        var start = _at;
        while (!AtEnd && line[_at] is not (' ' or '\t')) _at++;
        return line[start.._at];
    }

    /// <summary><c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>; empty when none starts here.</summary>
    public string MetricName() => Identifier(allowColon: true);

    /// <summary><c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public string LabelName() => Identifier(allowColon: false);

    /// <summary>A double-quoted string with <c>\\</c>, <c>\"</c> and <c>\n</c> escapes; sets the error when malformed.</summary>
    public string Quoted(out string? error)
    {
        error = null;
        _at++;
        var text = new StringBuilder();
        while (!AtEnd)
        {
            var ch = line[_at++];
            if (ch == '"') return text.ToString();
            if (ch != '\\')
            {
                text.Append(ch);
                continue;
            }
            if (AtEnd) break;
            var escaped = line[_at++];
            switch (escaped)
            {
                case '\\': text.Append('\\'); break;
                case '"': text.Append('"'); break;
                case 'n': text.Append('\n'); break;
                default:
                    error = $"invalid escape '\\{escaped}'";
                    return text.ToString();
            }
        }
        error = "an unterminated quoted string";
        return text.ToString();
    }

    /// <summary>HELP text escapes only backslash and line feed.</summary>
    public static string UnescapeHelp(string text) =>
        text.Contains('\\', StringComparison.Ordinal)
            ? text.Replace("\\\\", "\u0000", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal)
                .Replace('\u0000', '\\')
            : text;

    private string Identifier(bool allowColon)
    {
        var start = _at;
        while (!AtEnd)
        {
            var ch = line[_at];
            var ok = char.IsAsciiLetter(ch) || ch == '_' || (allowColon && ch == ':') || (_at > start && char.IsAsciiDigit(ch));
            if (!ok) break;
            _at++;
        }
        return line[start.._at];
    }
}
