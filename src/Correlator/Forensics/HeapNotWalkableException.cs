namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// The dump caught the target inside a garbage collection, when the GC's structures are being rewritten
/// and the heap cannot be walked. Nothing is wrong with the target: a later dump will do.
/// </summary>
internal sealed class HeapNotWalkableException()
    : InvalidOperationException("the heap in the dump is not walkable: the dump caught the target in the middle of a GC");
