namespace LoadLeak.Correlator.Forensics;

/// <summary>One object the reachability walk reached: its heap slot, and the walk id of the object it was
/// first reached from, or -1 - label index for an object a root points to. Eight bytes per live object.</summary>
internal readonly record struct WalkLink(int Parent, uint Slot);
