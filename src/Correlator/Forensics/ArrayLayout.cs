using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Where the references sit in the elements of one array type: the offset of element 0 from
/// the object's address, the element size, and the offsets of the reference slots within an
/// element (one at 0 for an array of references; the reference fields of a struct element).
/// The slots come from the type's GCDesc, walked over a one-element stand-in whose every word
/// is non-zero, so the runtime's own layout decides, not field metadata.
/// </summary>
internal sealed record ArrayLayout(int DataOffset, int ElementSize, int[] ReferenceOffsets)
{
    public static ArrayLayout? Of(ClrType arrayType, int pointerSize)
    {
        if (!arrayType.IsArray || !arrayType.ContainsPointers || arrayType.ComponentSize <= 0) return null;
        var gcDesc = arrayType.GCDesc;
        if (gcDesc.IsEmpty) return null;
        // StaticSize counts the object header that precedes the method table the address points at.
        var dataOffset = arrayType.StaticSize - pointerSize;
        var elementSize = arrayType.ComponentSize;
        var size = AlignUp(arrayType.StaticSize + elementSize, pointerSize);
        var standIn = new byte[size + pointerSize];
        Array.Fill(standIn, (byte)1);
        var offsets = gcDesc.WalkObject(standIn, size)
            .Select(r => r.Offset - dataOffset)
            .Where(o => o >= 0 && o + pointerSize <= elementSize)
            .Distinct().Order().ToArray();
        return offsets.Length == 0 ? null : new ArrayLayout(dataOffset, elementSize, offsets);
    }

    private static int AlignUp(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
