using System.Globalization;
using System.Text;

namespace LoadLeak.Reporting.Csv;

/// <summary>
/// RFC 4180 writer: CRLF rows, fields quoted only when they must be, invariant numbers, null as an empty cell,
/// text that would start a spreadsheet formula defused.
/// </summary>
internal sealed class CsvTable
{
    private readonly StringBuilder _text = new();

    public CsvTable(params string[] header) => Row(header);

    public CsvTable Row(params object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) _text.Append(',');
            _text.Append(Field(cells[i]));
        }
        _text.Append("\r\n");
        return this;
    }

    public override string ToString() => _text.ToString();

    public static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : d.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Defused(value.ToString() ?? ""),
        };
        return NeedsQuotes(text) ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    /// <summary>
    /// Text from the config or the target (scenario, phase, error names) that a spreadsheet would run as a formula
    /// gets a leading apostrophe (OWASP's CSV-injection advice); numbers are formatted above and never changed.
    /// </summary>
    private static string Defused(string text) => text.Length > 0 && "=+-@\t\r".Contains(text[0]) ? "'" + text : text;

    private static bool NeedsQuotes(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (text.Length > 0 && (text[0] == ' ' || text[^1] == ' '));
}
