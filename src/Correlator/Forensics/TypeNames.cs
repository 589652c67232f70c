using System.Globalization;
using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

internal static class TypeNames
{
    public static string Of(ClrType? type) =>
        type is null ? "<unknown type>" : type.Name ?? $"<type 0x{type.MethodTable.ToString("x", CultureInfo.InvariantCulture)}>";
}
