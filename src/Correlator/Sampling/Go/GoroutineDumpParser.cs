using System.Globalization;
using LoadLeak.Correlator.Sampling.Endpoints;

namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>
/// Reads <c>/debug/pprof/goroutine?debug=1</c>: a <c>goroutine profile: total N</c> header, then groups of
/// <c>COUNT @ 0xaddr …</c> followed by <c>#	0xaddr	function+0xoff	file:line</c> frames (leaf first; the Go
/// runtime hides its own frames there unless a stack has nothing else), separated by blank lines.
/// </summary>
internal static class GoroutineDumpParser
{
    private const string Header = "goroutine profile: total ";

    public static GoroutineDump Parse(string text)
    {
        using var reader = new StringReader(text);
        var first = reader.ReadLine();
        while (first is not null && first.Trim().Length == 0) first = reader.ReadLine();
        if (first is null || !first.StartsWith(Header, StringComparison.Ordinal)
            || !long.TryParse(first.AsSpan(Header.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            throw new EndpointContentException($"not a goroutine?debug=1 profile: it starts with '{Excerpt.Of(first ?? "")}'");

        var groups = new List<GoroutineGroup>();
        var skipped = 0;
        long? count = null;
        string? labels = null;
        var frames = new List<GoFrame>();

        void Close()
        {
            if (count is { } c) groups.Add(new GoroutineGroup(c, frames.ToList()) { Labels = labels });
            count = null;
            labels = null;
            frames.Clear();
        }

        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Trim().Length == 0)
            {
                Close();
            }
            else if (line.StartsWith("# labels:", StringComparison.Ordinal) && count is not null)
            {
                labels = line["# labels:".Length..].Trim();
            }
            else if (line.StartsWith('#'))
            {
                if (count is not null && TryParseFrame(line, out var frame)) frames.Add(frame);
                else skipped++;
            }
            else if (TryParseGroupHeader(line, out var n))
            {
                Close();
                count = n;
            }
            else
            {
                skipped++;
            }
        }
        Close();
        return new GoroutineDump(total, groups) { SkippedLines = skipped };
    }

    private static bool TryParseGroupHeader(string line, out long count)
    {
        var at = line.IndexOf(" @", StringComparison.Ordinal);
        count = 0;
        return at > 0 && long.TryParse(line.AsSpan(0, at), NumberStyles.None, CultureInfo.InvariantCulture, out count);
    }

    /// <summary><c>#	0x68ee64	main.watcher+0xa4	/src/leaks.go:52</c> (tabs, sometimes several).</summary>
    internal static bool TryParseFrame(string line, out GoFrame frame)
    {
        frame = null!;
        var parts = line[1..].Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 3 || !parts[0].StartsWith("0x", StringComparison.Ordinal)) return false;
        var function = parts[1];
        var plus = function.LastIndexOf("+0x", StringComparison.Ordinal);
        if (plus > 0) function = function[..plus];
        var location = string.Join(' ', parts[2..]);
        var colon = location.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(location.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var lineNumber))
            return false;
        frame = new GoFrame(function, location[..colon], lineNumber);
        return true;
    }
}
