using System;
using System.Threading;

namespace PtToolkit.Tests;

/// <summary>Measures allocation per thread, repeated until the JIT has settled (the allocation tests of every folder use it).</summary>
internal static class Allocations
{
    /// <summary>
    /// The bytes one call of <paramref name="round"/> allocates once tiered compilation has settled: rounds repeat,
    /// with a pause for the background compiler, until one allocates nothing or the attempts run out.
    /// </summary>
    public static long SteadyState(Action round)
    {
        long allocated = 0;
        for (int attempt = 0; attempt < 200; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            round();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0) return 0;
            Thread.Sleep(25);
        }
        return allocated;
    }
}
