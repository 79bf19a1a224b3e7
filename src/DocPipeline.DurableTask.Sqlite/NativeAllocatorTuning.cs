using System.Runtime.InteropServices;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>
/// SQLite builds short-lived temporary b-trees for every statement with <c>RETURNING</c> or an <c>IN</c> subquery.
/// With glibc's default thresholds that memory goes back to the kernel after each statement (madvise, then a TLB
/// shootdown across cores), which measured as most of the cost of a small transaction. Raising the trim and mmap
/// thresholds keeps the pages in the process for reuse. Applied once per process, on Linux with glibc only.
/// </summary>
internal static partial class NativeAllocatorTuning
{
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;
    private static int _applied;

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _applied, 1) == 1)
        {
            return;
        }

        try
        {
            _ = MallOpt(TrimThreshold, 256 * 1024 * 1024);
            _ = MallOpt(MmapThreshold, 32 * 1024 * 1024);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, for example): nothing to tune.
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
