using System.Text;

namespace LoadLeak.Reporting.Markdown;

/// <summary>
/// Makes document strings inert in GitHub-flavoured Markdown: a scenario name can neither break
/// a table (pipes, newlines) nor inject HTML or links into a PR comment.
/// </summary>
internal static class MarkdownText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\r': break;
                case '\n': sb.Append(' '); break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '!' or '~':
                    sb.Append('\\').Append(c); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    public static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    public static string Separator(string alignments) =>
        "|" + string.Join("|", alignments.Select(a => a == 'r' ? "---:" : "---")) + "|";
}
