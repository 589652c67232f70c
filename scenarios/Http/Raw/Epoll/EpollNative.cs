using System.Runtime.InteropServices;

namespace LoadLeak.Scenarios.Http.Raw.Epoll;

/// <summary>The Linux epoll calls the raw HTTP client's event loop needs (x86-64 and arm64 layouts).</summary>
internal static partial class EpollNative
{
    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLERR = 0x008;
    public const uint EPOLLHUP = 0x010;
    public const uint EPOLLRDHUP = 0x2000;
    public const uint EPOLLET = 1u << 31;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EINTR = 4;

    /// <summary>x86-64 packs struct epoll_event (12 bytes); other architectures align its data to 8 (16 bytes).</summary>
    public static bool Supported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct PackedEvent
    {
        public uint Events;
        public ulong Data;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct AlignedEvent
    {
        public uint Events;
        public ulong Data;
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int Create(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static unsafe partial int CtlPacked(int epfd, int op, int fd, PackedEvent* ev);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static unsafe partial int CtlAligned(int epfd, int op, int fd, AlignedEvent* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static unsafe partial int WaitPacked(int epfd, PackedEvent* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static unsafe partial int WaitAligned(int epfd, AlignedEvent* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    private static bool Packed => RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public static unsafe int Add(int epfd, int fd, uint events, ulong data)
    {
        if (Packed)
        {
            var packed = new PackedEvent { Events = events, Data = data };
            return CtlPacked(epfd, EPOLL_CTL_ADD, fd, &packed);
        }
        var aligned = new AlignedEvent { Events = events, Data = data };
        return CtlAligned(epfd, EPOLL_CTL_ADD, fd, &aligned);
    }

    /// <summary>Waits for events and hands each one's data and event bits to <paramref name="onEvent"/>; the count, or -1 (errno set).</summary>
    public static unsafe int Wait(int epfd, Span<byte> scratch, int timeoutMs, Action<ulong, uint> onEvent)
    {
        if (Packed)
        {
            fixed (byte* raw = scratch)
            {
                var events = (PackedEvent*)raw;
                var n = WaitPacked(epfd, events, scratch.Length / sizeof(PackedEvent), timeoutMs);
                for (var i = 0; i < n; i++) onEvent(events[i].Data, events[i].Events);
                return n;
            }
        }
        fixed (byte* raw = scratch)
        {
            var events = (AlignedEvent*)raw;
            var n = WaitAligned(epfd, events, scratch.Length / sizeof(AlignedEvent), timeoutMs);
            for (var i = 0; i < n; i++) onEvent(events[i].Data, events[i].Events);
            return n;
        }
    }
}
