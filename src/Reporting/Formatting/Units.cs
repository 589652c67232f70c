using System.Globalization;
using LoadLeak.Results;

namespace LoadLeak.Reporting.Formatting;

/// <summary>Human-readable numbers shared by the HTML and Markdown reports (invariant culture, fixed units).</summary>
public static class Units
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public const double MB = 1024 * 1024;

    public static string Count(long n) => n.ToString("N0", Inv);
    public static string Count(double? n) => n is { } v && double.IsFinite(v) ? v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.##", Inv) : "–";
    public static string Ms(double? ms) => ms is { } v && double.IsFinite(v)
        ? v.ToString(Math.Abs(v) >= 100 ? "N0" : Math.Abs(v) >= 10 ? "0.0" : "0.00", Inv)
        : "–";
    public static string Rps(double rps) => double.IsFinite(rps) ? rps.ToString(rps >= 100 ? "N0" : "0.0", Inv) : "–";
    public static string Mb(double? bytes) => bytes is { } v && double.IsFinite(v) ? (v / MB).ToString("0.0", Inv) + " MB" : "–";
    public static string SignedMb(double? bytes) => bytes is { } v && double.IsFinite(v)
        ? (v >= 0 ? "+" : "") + (v / MB).ToString("0.00", Inv) + " MB"
        : "–";
    public static string Signed(double? n) => n is { } v && double.IsFinite(v) ? (v >= 0 ? "+" : "") + v.ToString("0.##", Inv) : "–";
    public static string Percent(double? share) => share is { } v && double.IsFinite(v) ? (v * 100).ToString("0.0", Inv) + " %" : "–";
    public static string Number(double? n, string format = "0.###") => n is { } v && double.IsFinite(v) ? v.ToString(format, Inv) : "–";
    public static string Seconds(double s) => double.IsFinite(s) ? s.ToString(s >= 100 ? "0" : "0.0", Inv) + " s" : "–";

    public static string Bytes(double? bytes)
    {
        if (bytes is not { } v || !double.IsFinite(v)) return "–";
        var a = Math.Abs(v);
        return a >= MB ? (v / MB).ToString("0.00", Inv) + " MB"
            : a >= 1024 ? (v / 1024).ToString("0.0", Inv) + " KB"
            : v.ToString("0.#", Inv) + " B";
    }

    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds)) return "–";
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}h {t.Minutes:00}m {t.Seconds:00}s"
            : t.TotalMinutes >= 1 ? $"{t.Minutes}m {t.Seconds:00}s"
            : seconds.ToString("0.0", Inv) + " s";
    }

    /// <summary>Bytes per second as "MB/h" for memory slopes, as leaks are felt per hour.</summary>
    public static string Slope(LeakResource resource, double perSecond) =>
        resource.IsMemory()
            ? (perSecond * 3600 / MB).ToString("0.00", Inv) + " MB/h"
            : (perSecond * 3600).ToString("0.#", Inv) + " /h";
}
