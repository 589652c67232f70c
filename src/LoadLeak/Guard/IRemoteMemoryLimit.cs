namespace LoadLeak.Guard;

/// <summary>
/// A target on another host (a cluster probe's): its memory limit was read there and reported, since this host's
/// cgroup and /proc say nothing about it. Null when the other side did not report one.
/// </summary>
internal interface IRemoteMemoryLimit
{
    (double Bytes, string Source)? MemoryLimit { get; }
}
