using System.Globalization;

namespace LoadLeak.Scenarios.Http;

/// <summary>The numeric status code as text ("200"), from a table so that no request allocates it.</summary>
internal static class HttpStatusText
{
    private static readonly string[] Texts = Enumerable.Range(0, 600).Select(code => code.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static string Of(int code) => code is >= 0 and < 600 ? Texts[code] : code.ToString(CultureInfo.InvariantCulture);
}
