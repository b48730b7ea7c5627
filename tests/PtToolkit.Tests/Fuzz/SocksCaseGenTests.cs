using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PtToolkit.Socks;
using PtToolkit.Testing.Socks;
using Xunit;

namespace PtToolkit.Tests.Fuzz;

/// <summary>The SOCKS case generators of PtToolkit.Testing: the bytes they write mean what the cases say.</summary>
public sealed class SocksCaseGenTests
{
    private static readonly KeyValuePair<string, string>[] Obfs4 = [new("cert", new string('A', 70)), new("iat-mode", "0")];

    private static readonly PtSocksCaseGen Cases = new(Obfs4);

    public static class Arbitraries
    {
        public static Arbitrary<PtSocksCase> Case() => Cases.Arbitrary(Cases.All());

        public static Arbitrary<PtSocksCaseParameters> Parameters() => ArbMap.Default.GeneratorFor<(int, string[], byte[], int)>()
            .Select(t => new PtSocksCaseParameters(t.Item1, t.Item2.Where(s => s is not null).Select(s => new KeyValuePair<string, string>(s.Split('=')[0], s)).ToArray(), t.Item3 ?? [], t.Item4))
            .ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void Tor_packing_keeps_every_byte_and_puts_at_most_255_in_each_field(NonEmptyArray<byte> bytes)
    {
        byte[] arguments = bytes.Get.Take(PtSocksWire.MaxPackedArguments).ToArray();
        byte[] packed = PtSocksWire.TorPacked(arguments);
        Assert.Equal(1, packed[0]);
        int user = packed[1], password = packed[2 + user];
        Assert.Equal(3 + user + password, packed.Length);
        byte[] joined = [.. packed.AsSpan(2, user), .. password == 1 && packed[^1] == 0 && arguments.Length <= 255 ? [] : packed.AsSpan(3 + user, password)];
        Assert.Equal(arguments, joined);
        Assert.Equal(Math.Min(arguments.Length, 255), user);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void Argument_text_reads_back_as_the_same_pairs_through_the_runtime(PtSocksCase socksCase)
    {
        if (socksCase.Kind != PtSocksCaseKind.UserPassword) return;
        byte[] auth = socksCase.UserPassword!;
        int user = auth[1], password = auth[2 + user];
        byte[] text = [.. auth.AsSpan(2, user), .. password == 1 && auth[^1] == 0 ? [] : auth.AsSpan(3 + user, password)];
        Assert.True(PtSocksArgs.TryParse(text, out var parsed, out var error), error.ToString());
        Assert.Equal(Obfs4, parsed.Take(2).Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
        Assert.Equal(text, PtSocksWire.Arguments(parsed.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void A_parameter_block_is_a_json_object_of_strings_with_its_own_length(PtSocksCase socksCase)
    {
        if (socksCase.Kind is not (PtSocksCaseKind.ParameterBlock or PtSocksCaseKind.ArgumentLength) || socksCase.ParameterBlock is not { } block) return;
        Assert.Equal((uint)(block.Length - 4), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(block));
        using var json = JsonDocument.Parse(block.AsMemory(4));
        Assert.All(json.RootElement.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal("AAAA", json.RootElement.GetProperty("cert").GetString()![..4]);
    }

    [Theory]
    [InlineData(0, 254)]
    [InlineData(1, 255)]
    [InlineData(2, 256)]
    [InlineData(3, 510)]
    [InlineData(4, 511)]
    public void Argument_length_cases_carry_exactly_that_many_bytes(int variant, int length)
    {
        foreach (byte[] noise in new[] { new byte[] { 0 }, new byte[] { 7, 14, 21 }, new byte[] { 1, 2, 3, 4, 5 } })
        {
            var socksCase = Cases.Build(PtSocksCaseKind.ArgumentLength, new PtSocksCaseParameters(0, [], noise, variant));
            if (length > 510)
            {
                Assert.Equal(length, socksCase.ParameterBlock!.Length - 4);
                continue;
            }
            byte[] auth = socksCase.UserPassword!;
            int user = auth[1], password = auth[2 + user];
            Assert.Equal(length, length <= 255 ? user : user + password);
            Assert.Equal(length <= 255 ? 1 : length - 255, password);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void Any_parameters_build_every_kind_the_same_way_twice(PtSocksCaseParameters parameters)
    {
        foreach (var kind in Enum.GetValues<PtSocksCaseKind>())
        {
            var once = Cases.Build(kind, parameters);
            var twice = Cases.Build(kind, parameters);
            Assert.Equal(once.ToString(), twice.ToString());
            Assert.Equal(kind, once.Kind);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void Shrinking_keeps_the_kind_and_makes_the_parameters_smaller(PtSocksCase socksCase)
    {
        foreach (var smaller in Cases.Shrink(socksCase))
        {
            Assert.Equal(socksCase.Kind, smaller.Kind);
            var (a, b) = (smaller.Parameters, socksCase.Parameters);
            Assert.True(a.Extra.Count < b.Extra.Count || a.Extra.Sum(p => p.Value.Length) < b.Extra.Sum(p => p.Value.Length)
                || a.Noise.Length < b.Noise.Length || a.Target < b.Target || a.Variant < b.Variant, $"{a} is not smaller than {b}");
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void Near_misses_and_hostile_cases_never_look_like_a_valid_handshake_to_the_expectation(PtSocksCase socksCase)
    {
        if (socksCase.Family == PtSocksFamily.Valid || socksCase.Kind is PtSocksCaseKind.ArgumentLength or PtSocksCaseKind.EmptyUser or PtSocksCaseKind.UdpAssociate) return;
        Assert.NotEqual(PtSocksVerdict.Ok, socksCase.Expected.Judge(PtSocksEnd.Reply, 0));
    }

    [Fact]
    public void Garbage_and_wrong_versions_never_start_with_socks_4_or_5()
    {
        var starts = Cases.Of(PtSocksCaseKind.Garbage).Sample(500).Concat(Cases.Of(PtSocksCaseKind.WrongVersion).Sample(200)).Select(c => c.Greeting[0]);
        Assert.DoesNotContain(starts, b => b is 4 or 5);
    }

    [Fact]
    public void Every_kind_is_generated()
    {
        var seen = Cases.All().Sample(2000).Select(c => c.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<PtSocksCaseKind>().ToHashSet(), seen);
    }

    [Fact]
    public void Base_arguments_that_tor_cannot_send_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new PtSocksCaseGen([new("", "v")]));
        Assert.Throws<ArgumentException>(() => new PtSocksCaseGen([new("k", "a"), new("k", "b")]));
        Assert.Throws<ArgumentException>(() => new PtSocksCaseGen([new("k", new string('x', 500))]));
        Assert.Equal(Encoding.ASCII.GetBytes("a\\;b=c\\\\d;e\\=f=g\\;"), PtSocksWire.Arguments([new("a;b", "c\\d"), new("e=f", "g;")]));
    }
}
