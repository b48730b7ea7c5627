using Xunit;

namespace PtToolkit.Tests.Socks;

/// <summary>The Socks allocation tests run alone, so that no other test keeps the JIT busy while they measure.</summary>
[CollectionDefinition(nameof(SocksAllocationCollection), DisableParallelization = true)]
public sealed class SocksAllocationCollection
{
}
