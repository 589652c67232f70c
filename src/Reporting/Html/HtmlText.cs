using System.Net;

namespace LoadLeak.Reporting.Html;

/// <summary>Every string that comes from the document goes through here before it reaches the page.</summary>
internal static class HtmlText
{
    public static string Encode(string? text) => string.IsNullOrEmpty(text) ? "" : WebUtility.HtmlEncode(text);
}

/// <summary>A table cell whose markup is already safe: built from escaped text, or from the report's own fixed markup.</summary>
internal readonly record struct Cell(string Html, string? Class = null)
{
    public static Cell Text(string? text) => new(HtmlText.Encode(text));
    public static Cell Num(string text) => new(HtmlText.Encode(text), "num");
    public static Cell Code(string? text) => new("<code>" + HtmlText.Encode(text) + "</code>");
    public static Cell Badge(string text, string kind) => new($"<span class=\"badge {kind}\">{HtmlText.Encode(text)}</span>");
    public static Cell PassFail(bool passed) => passed ? Badge("passed", "good") : Badge("failed", "bad");
}
