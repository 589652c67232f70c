namespace LoadLeak.Reporting.Html.Plots;

/// <summary>Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.</summary>
internal static class Palette
{
    public static readonly string[] Series =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"];

    public static string ForIndex(int i) => Series[((i % Series.Length) + Series.Length) % Series.Length];

    public const string Blue = "#0072B2";
    public const string Orange = "#E69F00";
    public const string Green = "#009E73";
    public const string Vermillion = "#D55E00";
    public const string Purple = "#CC79A7";
    public const string Sky = "#56B4E9";
    public const string Black = "#000000";
    public const string Event = "#B2182B";
}
