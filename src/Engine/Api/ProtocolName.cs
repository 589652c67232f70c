namespace LoadLeak.Engine.Api;

/// <summary>Checks a protocol name given in code: it is a column in every report, so a short lower-case token.</summary>
internal static class ProtocolName
{
    private const int MaxLength = 32;

    public static string Check(string protocol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protocol);
        var valid = protocol.Length <= MaxLength && char.IsAsciiLetterLower(protocol[0])
            && protocol.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '+' or '.');
        return valid
            ? protocol
            : throw new ArgumentException(
                $"protocol '{protocol}': expected a lower-case name such as http, grpc or redis " +
                $"(letters, digits, '-', '+', '.'; at most {MaxLength} characters)", nameof(protocol));
    }
}
