using System.Buffers.Binary;
using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Reads the references of arrays in fixed-size chunks. ClrMD's EnumerateReferences reads a
/// whole object into buffers rented from the shared ArrayPool (the object, plus a reference
/// and an offset per word) and returns them to the pool, which keeps them: a 200 MB
/// Dictionary entries array left ~500 MB behind in the process for good.
/// </summary>
internal sealed class ArrayReferences(ClrHeap heap)
{
    private const int ChunkBytes = 64 * 1024;
    private readonly IDataReader _reader = heap.Runtime.DataTarget.DataReader;
    private readonly int _pointerSize = heap.Runtime.DataTarget.DataReader.PointerSize;
    private readonly Dictionary<ulong, ArrayLayout?> _layouts = new();
    private readonly byte[] _chunk = new byte[ChunkBytes];

    /// <summary>The layout of an array type that holds references; null for other types.</summary>
    public ArrayLayout? LayoutOf(ClrType type)
    {
        if (!type.IsArray) return null;
        if (!_layouts.TryGetValue(type.MethodTable, out var layout))
        {
            layout = ArrayLayout.Of(type, _pointerSize);
            _layouts[type.MethodTable] = layout;
        }
        return layout;
    }

    /// <summary>Calls <paramref name="visit"/> with <paramref name="state"/>, each non-null reference of the array at
    /// <paramref name="address"/> and its byte offset from the start of the elements; stops early when it returns false.</summary>
    public void ForEach<TState>(ulong address, ArrayLayout layout, TState state, Func<TState, ulong, long, bool> visit)
    {
        if (!_reader.Read(address + (ulong)_pointerSize, out uint length) || length == 0) return;
        var perChunk = Math.Max(1, ChunkBytes / layout.ElementSize);
        var data = address + (ulong)layout.DataOffset;
        for (long first = 0; first < length; first += perChunk)
        {
            var elements = (int)Math.Min(perChunk, length - first);
            var bytes = elements * layout.ElementSize;
            var buffer = bytes <= _chunk.Length ? _chunk : new byte[bytes];
            var read = _reader.Read(data + (ulong)(first * layout.ElementSize), buffer.AsSpan(0, bytes));
            for (var e = 0; e < elements; e++)
            {
                var elementStart = e * layout.ElementSize;
                foreach (var offset in layout.ReferenceOffsets)
                {
                    var at = elementStart + offset;
                    if (at + _pointerSize > read) return;
                    var value = _pointerSize == 8
                        ? BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(at))
                        : BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at));
                    if (value != 0 && !visit(state, value, first * layout.ElementSize + at)) return;
                }
            }
        }
    }
}
