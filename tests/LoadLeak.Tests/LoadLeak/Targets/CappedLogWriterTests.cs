using global::LoadLeak.Targets;

namespace LoadLeak.Tests.LoadLeak.Targets;

public sealed class CappedLogWriterTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"capped-{Guid.NewGuid():N}.log");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_log_within_the_cap_is_kept_whole_without_a_skip_line()
    {
        using (var log = new CappedLogWriter(_path, 1000))
        {
            for (var i = 0; i < 10; i++) log.WriteLine($"line {i:00}"); // 8 bytes each: 80 of 1000
        }
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"line {i:00}"), File.ReadAllLines(_path));
    }

    [Fact]
    public void Past_the_cap_the_first_and_last_halves_are_kept_and_the_skipped_middle_is_counted()
    {
        var lines = Enumerable.Range(0, 1000).Select(i => $"line {i:000}").ToArray(); // 9 bytes each with the newline
        string? note;
        CappedLogWriter writer;
        using (writer = new CappedLogWriter(_path, 900))
        {
            foreach (var line in lines) writer.WriteLine(line);
            note = writer.SkippedNote("target.log");
        }
        var kept = File.ReadAllLines(_path);
        // 450 bytes a half: 50 lines at the start, the newest 50 at the end, 900 lines skipped.
        Assert.Equal(lines[..50], kept[..50]);
        Assert.Equal(lines[^50..], kept[^50..]);
        Assert.Equal(101, kept.Length);
        Assert.Contains("8100 bytes (900 lines) skipped", kept[50], StringComparison.Ordinal);
        Assert.Equal(9000, writer.TotalBytes);
        Assert.Equal(900, writer.SkippedLines);
        Assert.Contains("8100 bytes (900 lines) in the middle were skipped", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_byte_characters_count_as_their_utf8_bytes()
    {
        using var log = new CappedLogWriter(_path, 100);
        Assert.Equal(5, log.WriteLine("äö")); // two 2-byte characters and the newline
    }
}
