using System.Text;

namespace LoadLeak.Reporting.Html;

/// <summary>The page shell: a CSP that forbids every remote load, the inline stylesheet, navigation.</summary>
internal static class HtmlPage
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; script-src 'none'; " +
        "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

    public static void Open(StringBuilder html, string title)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"LoadLeak\">\n")
            .Append("<title>").Append(HtmlText.Encode(title)).Append("</title>\n<style>").Append(ReportStyles.Css)
                .Append("</style></head>\n<body>\n");
    }

    public static void Nav(StringBuilder html, IEnumerable<IHtmlSection> sections) =>
        html.Append("<nav>").Append(string.Concat(sections.Select(s => $"<a href=\"#{s.Id}\">{HtmlText.Encode(s.Label)}</a>")))
            .Append("</nav>\n<main>\n");

    public static void Close(StringBuilder html, string footer)
    {
        html.Append("</main>\n<footer>").Append(HtmlText.Encode(footer)).Append("</footer>\n</body></html>\n");
    }
}
