using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadLeak.Commands;

/// <summary>Durations on the command line: "1h", "90m", "45s", "1h30m" or "hh:mm:ss".</summary>
internal static partial class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration)) return duration > TimeSpan.Zero;
        var match = Units().Match(text.Trim());
        if (!match.Success) return false;
        double Part(string group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        duration = TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s"));
        return duration > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m)?(?:(?<s>\d+(?:\.\d+)?)s)?$")]
    private static partial Regex Units();
}
