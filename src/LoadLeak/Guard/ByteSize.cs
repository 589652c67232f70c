using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadLeak.Guard;

/// <summary>Sizes in the config: "300MB", "2GiB", "512 KB", "1048576" (bytes). KB/MB/GB are 1024-based, as RSS is read.</summary>
internal static partial class ByteSize
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (text is null) return false;
        var match = SizePattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return false;
        var unit = match.Groups[2].Value.ToUpperInvariant().Replace("I", "", StringComparison.Ordinal);
        var factor = unit switch
        {
            "" or "B" => 1d,
            "K" or "KB" => 1024d,
            "M" or "MB" => 1024d * 1024,
            "G" or "GB" => 1024d * 1024 * 1024,
            "T" or "TB" => 1024d * 1024 * 1024 * 1024,
            _ => double.NaN,
        };
        var result = value * factor;
        if (!double.IsFinite(result) || result < 1 || result > long.MaxValue / 2) return false;
        bytes = (long)result;
        return true;
    }

    public static string Format(double bytes) => bytes >= 1024d * 1024 * 1024
        ? FormattableString.Invariant($"{bytes / (1024d * 1024 * 1024):0.00} GiB")
        : FormattableString.Invariant($"{bytes / (1024d * 1024):0.0} MiB");

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$")]
    private static partial Regex SizePattern();
}
