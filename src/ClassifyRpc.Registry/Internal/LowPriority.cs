using System.Runtime.InteropServices;

namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// Lowers the calling thread's CPU priority for the rest of its life, so work it does yields the cores to
/// threads answering calls. Use it on a thread of its own that hands nothing to other threads: it cannot
/// be undone (raising a Linux nice value back needs privileges), and on Linux every thread that thread
/// creates inherits it, a pool worker started because it queued work included.
/// </summary>
/// <remarks>
/// <see cref="Thread.Priority"/> does nothing on Linux: the default scheduler (SCHED_OTHER) ignores static
/// priorities, so .NET does not pass them on. What the scheduler does weigh is the nice value, which Linux
/// keeps per thread: nice 5 gives a busy thread about a third of the CPU share of a nice-0 one when they
/// compete (nice 10, a tenth), and all of an idle core otherwise. Elsewhere <see cref="ThreadPriority.BelowNormal"/>
/// does the job.
/// </remarks>
internal static partial class LowPriority
{
    /// <summary>The nice value applied on Linux (0 normal, 19 lowest). Measured with the harness's reload scenario
    /// (a 10,000-order docket, one order added under two streams of 1,000): nice 10, 11.6 s to reload and the
    /// streams' batch p99 2.35x of just before; nice 5, 8.8 s and 2.86x.</summary>
    public const int LinuxNice = 5;

    private const int PrioProcess = 0;

    /// <summary>Lowers the current thread's priority; true when the operating system took it.</summary>
    public static bool Apply()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // With PRIO_PROCESS, Linux reads "who" as a thread id: only this thread is reniced.
                return SetPriority(PrioProcess, GetThreadId(), LinuxNice) == 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // A libc without gettid (before glibc 2.30): run at normal priority.
                return false;
            }
        }
        Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        return true;
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
