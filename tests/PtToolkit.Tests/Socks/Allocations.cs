using System;
using System.Threading;
using Xunit;

namespace PtToolkit.Tests.Socks;

/// <summary>Measures allocation the way the IPC allocation tests do: per thread, repeated until the JIT has settled.</summary>
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

/// <summary>The Socks allocation tests run alone, so that no other test keeps the JIT busy while they measure.</summary>
[CollectionDefinition(nameof(SocksAllocationCollection), DisableParallelization = true)]
public sealed class SocksAllocationCollection
{
}
