using System.Text;

namespace LoadLeak.Targets;

/// <summary>
/// target.log with a size cap: the first half of the cap goes straight to the file, the newest lines that fit in the other
/// half are kept in memory and appended on <see cref="Dispose"/> after a line saying how much was skipped in between.
/// A chatty target (logging every request) then costs neither the disk nor the run's start and end. Not thread-safe.
/// </summary>
internal sealed class CappedLogWriter : IDisposable
{
    private readonly StreamWriter _file;
    private readonly long _headBytes;
    private readonly long _tailBytes;
    private readonly Queue<(string Line, int Bytes)> _tail = new();
    private long _written;
    private long _tailHeld;
    private bool _disposed;

    public CappedLogWriter(string path, long maxBytes)
    {
        _file = new StreamWriter(path, append: false, new UTF8Encoding(false)) { AutoFlush = true };
        _headBytes = maxBytes / 2;
        _tailBytes = maxBytes - _headBytes;
    }

    /// <summary>Every byte the target wrote (newlines included), kept or not.</summary>
    public long TotalBytes { get; private set; }
    public long SkippedBytes { get; private set; }
    public long SkippedLines { get; private set; }

    /// <summary>Writes or keeps the line; returns its size in bytes (0 once disposed).</summary>
    public int WriteLine(string line)
    {
        if (_disposed) return 0;
        var bytes = Encoding.UTF8.GetByteCount(line) + 1;
        TotalBytes += bytes;
        if (_tail.Count == 0 && _written + bytes <= _headBytes)
        {
            _file.WriteLine(line);
            _written += bytes;
            return bytes;
        }
        _tail.Enqueue((line, bytes));
        _tailHeld += bytes;
        while (_tailHeld > _tailBytes && _tail.Count > 0)
        {
            var (_, dropped) = _tail.Dequeue();
            _tailHeld -= dropped;
            SkippedBytes += dropped;
            SkippedLines++;
        }
        return bytes;
    }

    /// <summary>The note for run.json when lines were skipped; null when the whole log fit.</summary>
    public string? SkippedNote(string path) => SkippedLines == 0 ? null :
        $"{path}: the target wrote {TotalBytes} bytes; {SkippedBytes} bytes ({SkippedLines} lines) in the middle were skipped " +
        $"(cap {_headBytes + _tailBytes} bytes: the first and the last half kept)";

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (SkippedLines > 0)
            _file.WriteLine($"[loadleak] ... {SkippedBytes} bytes ({SkippedLines} lines) skipped: target.log keeps the first and " +
                $"the last {_tailBytes} bytes (LoadLeak.TargetLogMax) ...");
        foreach (var (line, _) in _tail) _file.WriteLine(line);
        _tail.Clear();
        _file.Dispose();
    }
}
