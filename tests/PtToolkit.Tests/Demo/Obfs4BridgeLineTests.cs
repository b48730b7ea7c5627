using System;
using System.IO;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PtToolkit.Cli.Demo;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Demo;

/// <summary>
/// The bridge line obfs4proxy writes into its state directory (<c>obfs4_bridgeline.txt</c>): its <c>cert</c> and
/// <c>iat-mode</c> come out in that order, anything else is refused with the line and the reason, and no text throws.
/// </summary>
public sealed class Obfs4BridgeLineTests
{
    private const string Header = """
        # obfs4 torrc client bridge line
        #
        # This file is an automatically generated bridge line based on
        # the current obfs4proxy configuration.  EDITING IT WILL HAVE
        # NO EFFECT.
        #
        # Before distributing this Bridge, edit the placeholder fields
        # to contain the actual values:
        #  <IP ADDRESS>  - The public IP address of your obfs4 bridge.
        #  <PORT>        - The TCP/IP port of your obfs4 bridge.
        #  <FINGERPRINT> - The bridge's fingerprint.

        """;

    // As obfs4proxy 0.0.14 writes it (its cert is 70 characters of unpadded base64).
    private static string File(string cert, string iatMode) => Header + $"\nBridge obfs4 <IP ADDRESS>:<PORT> <FINGERPRINT> cert={cert} iat-mode={iatMode}\n";

    private const string Cert = "BggqlNg5iPWlJVYkj1XKq72UJXcUJJzXPTecvcU9j783aqsNJ5iDLuFSJjWw0qtQ4FLRLQ";

    [Fact]
    public void The_file_obfs4proxy_writes_gives_cert_then_iat_mode()
    {
        Assert.True(Obfs4BridgeLine.TryParse(File(Cert, "0"), out var arguments, out string error), error);
        Assert.Equal(new PtKeyValueList(("cert", Cert), ("iat-mode", "0")), arguments);
    }

    [Theory]
    [InlineData("# only comments\n", "no line starts with \"Bridge obfs4 \"")]
    [InlineData("Bridge obfs3 <IP ADDRESS>:<PORT> <FINGERPRINT>\n", "no line starts with \"Bridge obfs4 \"")]
    [InlineData("Bridge obfs4 a cert=x iat-mode=0\nBridge obfs4 b cert=y iat-mode=0\n", "line 2: a second Bridge obfs4 line (the first is line 1)")]
    [InlineData("#\nBridge obfs4 <IP ADDRESS>:<PORT> <FINGERPRINT> iat-mode=0\n", "line 2: no cert=")]
    [InlineData("Bridge obfs4 <IP ADDRESS>:<PORT> <FINGERPRINT> cert=x\n", "line 1: no iat-mode=")]
    [InlineData("Bridge obfs4 <IP ADDRESS>:<PORT> <FINGERPRINT> cert= iat-mode=0\n", "line 1: cert has no value")]
    [InlineData("Bridge obfs4 <IP ADDRESS>:<PORT> <FINGERPRINT> cert=x cert=y iat-mode=0\n", "line 1: cert is given twice")]
    [InlineData("Bridge obfs4 <IP ADDRESS>:<PORT> <FINGERPRINT> cert=x iat-mode=3\n", "line 1: iat-mode is \"3\", not 0, 1 or 2")]
    [InlineData("Bridge obfs4 <IP ADDRESS>:<PORT> <FINGERPRINT> node-id=x cert=x iat-mode=0\n", "line 1: unexpected argument \"node-id\" (only cert and iat-mode)")]
    public void A_file_without_one_complete_bridge_line_is_refused_naming_the_line(string text, string expected)
    {
        Assert.False(Obfs4BridgeLine.TryParse(text, out var arguments, out string error));
        Assert.Equal(expected, error);
        Assert.Empty(arguments);
    }

    [Fact]
    public void A_missing_or_oversized_file_is_an_error_naming_the_file()
    {
        var state = Directory.CreateTempSubdirectory("pttoolkit-bridgeline-");
        try
        {
            string path = Path.Combine(state.FullName, Obfs4BridgeLine.FileName);
            Assert.False(Obfs4BridgeLine.TryRead(state.FullName, out _, out string missing));
            Assert.StartsWith(path + ": ", missing, StringComparison.Ordinal);

            System.IO.File.WriteAllText(path, File(Cert, "1").ReplaceLineEndings("\r\n"));
            Assert.True(Obfs4BridgeLine.TryRead(state.FullName, out var arguments, out string error), error);
            Assert.Equal(new PtKeyValueList(("cert", Cert), ("iat-mode", "1")), arguments);

            System.IO.File.WriteAllText(path, File(Cert, "0") + new string('#', Obfs4BridgeLine.MaxFileBytes));
            Assert.False(Obfs4BridgeLine.TryRead(state.FullName, out _, out string large));
            Assert.Equal($"{path}: longer than {Obfs4BridgeLine.MaxFileBytes} bytes", large);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    private static readonly Gen<string> Base64 = Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".ToCharArray())
        .NonEmptyListOf().Select(chars => new string(chars.ToArray()));

    private static readonly Gen<string> IatMode = Gen.Elements("0", "1", "2");

    [Property(MaxTest = 200)]
    public Property Any_cert_and_iat_mode_written_as_obfs4proxy_writes_them_read_back() =>
        Prop.ForAll(Base64.ToArbitrary(), IatMode.ToArbitrary(), (cert, iatMode) =>
            Obfs4BridgeLine.TryParse(File(cert, iatMode), out var arguments, out _)
            && arguments.Equals(new PtKeyValueList(("cert", cert), ("iat-mode", iatMode))));

    [Property(MaxTest = 200)]
    public Property A_bridge_line_missing_a_pair_or_with_another_iat_mode_is_refused() =>
        Prop.ForAll(Base64.ToArbitrary(), Gen.Elements(0, 1, 2).ToArbitrary(), ArbMap.Default.ArbFor<string>(), (cert, miss, other) =>
        {
            string text = miss switch
            {
                0 => File(cert, "0").Replace($"cert={cert} ", "", StringComparison.Ordinal),
                1 => File(cert, "0").Replace(" iat-mode=0", "", StringComparison.Ordinal),
                _ => File(cert, (other ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal) + "x"),
            };
            return !Obfs4BridgeLine.TryParse(text, out var arguments, out string error) && error.Length > 0 && arguments.Count == 0;
        });

    [Property(MaxTest = 500)]
    public bool Any_text_gives_a_result_or_an_error_and_never_throws(bool bridgeLine, string? text)
    {
        bool parsed = Obfs4BridgeLine.TryParse((bridgeLine ? "Bridge obfs4 " : "") + text, out var arguments, out string error);
        return parsed ? error.Length == 0 && arguments.Count == 2 : error.Length > 0;
    }
}
