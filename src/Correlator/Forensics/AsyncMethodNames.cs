using System.Text.RegularExpressions;

namespace LoadLeak.Correlator.Forensics;

/// <summary>Turns a compiler-generated state machine type name back into the async method it runs.</summary>
internal static partial class AsyncMethodNames
{
    /// <summary>"Shop.Orders+&lt;PlaceAsync&gt;d__4" → "Shop.Orders.PlaceAsync". Lambdas and local
    /// functions ("&lt;&lt;Main&gt;b__0_0&gt;d") keep the compiler's name: it still points at the enclosing method.</summary>
    public static string FromStateMachine(string stateMachineType)
    {
        var match = StateMachinePattern().Match(stateMachineType);
        return match.Success ? $"{match.Groups["owner"].Value}.{match.Groups["method"].Value}" : stateMachineType;
    }

    [GeneratedRegex(@"^(?<owner>.+)\+<(?<method>[^<>]+)>d__\d+(<.*>)?$", RegexOptions.CultureInvariant)]
    private static partial Regex StateMachinePattern();
}
