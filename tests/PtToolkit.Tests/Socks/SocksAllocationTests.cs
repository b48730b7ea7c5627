using System;
using System.Net;
using System.Threading;
using PtToolkit.Socks;
using Xunit;

using static PtToolkit.Tests.Socks.Wire;

namespace PtToolkit.Tests.Socks;

/// <summary>
/// Validation allocates nothing; a server handshake allocates only what its caller keeps (the request, its target,
/// the parsed arguments). Measured per thread on a stream that completes synchronously: a behaviour, not a timing.
/// </summary>
[Collection(nameof(SocksAllocationCollection))]
public class SocksAllocationTests
{
    /// <summary>The fewest bytes one call of <paramref name="round"/> allocates, after warming the JIT up.</summary>
    private static long Fewest(Action round)
    {
        long fewest = long.MaxValue;
        for (int attempt = 0; attempt < 20; attempt++)
        {
            for (int i = 0; i < 50; i++) round();
            long before = GC.GetAllocatedBytesForCurrentThread();
            round();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            if (attempt % 5 == 4) Thread.Sleep(100);
        }
        return fewest;
    }

    private static Action Handshake(byte[] input)
    {
        var stream = new ScriptedStream(input);
        return () =>
        {
            stream.Rewind();
            var pending = PtSocksServer.HandshakeAsync(stream);
            Assert.True(pending.IsCompletedSuccessfully);
            Assert.True(pending.Result.IsSuccess);
        };
    }

    [Fact]
    public void Argument_validation_allocates_nothing()
    {
        byte[] valid = Ascii("cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa;iat-mode=0;a\\;b=c\\\\d");
        byte[] invalid = Ascii("cert=abc;iat-mode");
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            PtSocksArgs.TryValidate(valid, out _);
            PtSocksArgs.TryValidate(invalid, out _);
        }));
    }

    [Fact]
    public void A_handshake_without_arguments_allocates_only_the_request_and_its_target()
    {
        byte[] address = [127, 0, 0, 1];
        long kept = Fewest(() => GC.KeepAlive(new PtSocksRequest(PtSocksCommand.Connect, new IPEndPoint(new IPAddress(address), 80),
            PtSocksArgs.None, PtSocksMethod.NoAuthentication, [])));
        long handshake = Fewest(Handshake(Hex("05 01 00 05 01 00 01 7F 00 00 01 00 50")));
        Assert.True(handshake <= kept, $"the handshake allocated {handshake} bytes, the kept objects take {kept}");
    }

    [Fact]
    public void A_handshake_with_arguments_adds_only_what_reading_them_allocates()
    {
        byte[] text = Ascii("cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa;iat-mode=0");
        byte[] address = [127, 0, 0, 1];
        long kept = Fewest(() =>
        {
            PtSocksArgs.TryParse(text, out var arguments, out _);
            GC.KeepAlive(new PtSocksRequest(PtSocksCommand.Connect, new IPEndPoint(new IPAddress(address), 80), arguments, PtSocksMethod.UsernamePassword, []));
        });
        long handshake = Fewest(Handshake(Cat(Hex("05 01 02"), UserPassword(text, [0]), Hex("05 01 00 01 7F 00 00 01 00 50"))));
        Assert.True(handshake <= kept, $"the handshake allocated {handshake} bytes, the kept objects take {kept}");
    }
}
