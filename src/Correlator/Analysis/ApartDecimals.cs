namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// How many decimals a number and the limit it is compared with need in text so the comparison still reads true:
/// 0.94997 against 0.95 needs five ("0.94997 &lt; 0.95"), never "0.950 &lt; 0.95".
/// </summary>
internal static class ApartDecimals
{
    private const int MaxDecimals = 12;

    /// <summary>The fewest decimals, at least <paramref name="atLeast"/>, at which both round to different numbers on the same sides.</summary>
    public static int Of(double value, double limit, int atLeast)
    {
        for (var d = Math.Max(0, atLeast); d <= MaxDecimals; d++)
        {
            var v = Math.Round(value, d, MidpointRounding.AwayFromZero);
            var l = Math.Round(limit, d, MidpointRounding.AwayFromZero);
            if (v.CompareTo(l) == value.CompareTo(limit)) return d;
        }
        return MaxDecimals;
    }

    /// <summary>A format with <paramref name="fixedDecimals"/> decimals always shown and up to <paramref name="decimals"/> in all.</summary>
    public static string Format(int fixedDecimals, int decimals)
    {
        var shown = Math.Min(fixedDecimals, decimals);
        return decimals == 0 ? "0" : "0." + new string('0', shown) + new string('#', decimals - shown);
    }
}
