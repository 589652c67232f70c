namespace LoadLeak.Correlator.Sampling.Endpoints;

/// <summary>The start of a body, on one line and short, for error messages about what came back instead.</summary>
internal static class Excerpt
{
    public static string Of(string text, int max = 40)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        var printable = new string(flat.Select(c => char.IsControl(c) ? '?' : c).Take(max).ToArray());
        return flat.Length > max ? printable + "…" : printable;
    }
}
