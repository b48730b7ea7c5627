using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using PtToolkit.Generator.Model;
using PtToolkit.Generator.Reading;
using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>The spec reader on the repository's real spec, spec/pt-ipc.spec, and on a few language details.</summary>
public sealed class SpecReaderTests
{
    private static readonly Lazy<SpecReadResult> s_ipc = new(() =>
    {
        string path = Path.Combine(RepositoryRoot(), "spec", "pt-ipc.spec");
        return SpecReader.Read(path, SourceText.From(File.ReadAllText(path)), CancellationToken.None);
    });

    private static SpecModel Ipc
    {
        get
        {
            var result = s_ipc.Value;
            Assert.True(result.Diagnostics.Count == 0, string.Join(Environment.NewLine, result.Diagnostics));
            return Assert.IsType<SpecModel>(result.Model);
        }
    }

    [Fact]
    public void IpcSpec_ReadsWithoutDiagnostics()
    {
        Assert.Empty(s_ipc.Value.Diagnostics);
        Assert.NotNull(s_ipc.Value.Model);
    }

    [Fact]
    public void IpcSpec_HasItsSeventeenMessages_InOrder()
    {
        Assert.Equal(
            new[]
            {
                "VersionError", "Version", "EnvError", "ProxyDone", "ProxyError", "Cmethod", "CmethodError", "CmethodsDone",
                "Smethod", "SmethodError", "SmethodsDone", "Log", "DispatcherLog", "Status", "ConnectionEvent",
                "ConnectionErrorEvent", "ConnectionSuccessEvent",
            },
            Ipc.Messages.Select(m => m.Name));
    }

    [Fact]
    public void IpcSpec_HasFourDialects_WithTheirWireVersions()
    {
        Assert.Equal(new[] { "1.0", "2.0", "2.1", "2.2" }, Ipc.Dialects.Select(d => d.Name));
        Assert.Equal(new[] { "1", "2", "2.1", "2.2" }, Ipc.Dialects.Select(d => d.WireVersion));
        Assert.Equal(new[] { "V1_0", "V2_0", "V2_1", "V2_2" }, Ipc.Dialects.Select(d => d.Identifier));
    }

    [Fact]
    public void IpcSpec_ClientProxyKind_HasItsMembersWithTheirDialects()
    {
        var kind = Ipc.Enums.Single(e => e.Name == "ClientProxyKind");
        Assert.Equal(
            new[]
            {
                "Socks4 socks4 [1.0]",
                "Socks5 socks5 []",
                "TransparentTcp transparent-TCP [2.0 2.1 2.2]",
                "TransparentUdp transparent-UDP [2.0 2.1 2.2]",
                "Stun STUN [2.0 2.1 2.2]",
            },
            kind.Members.Select(m => $"{m.Name} {m.Text} [{string.Join(" ", m.Dialects)}]"));
        Assert.Equal(new[] { "pt-1.0 §3.3.2", "pt-2.2 §1.2.2" }, kind.Sections);
    }

    [Fact]
    public void IpcSpec_LogMessages_HaveTheirAttributes()
    {
        var log = Ipc.Messages.Single(m => m.Name == "Log");
        Assert.Equal(new[] { "pt-1.0 §3.3.4" }, log.Sections);
        Assert.Equal(new[] { new DialectValue("stdout", EquatableArray<string>.Empty) }, log.Streams);
        Assert.Empty(log.Exits);
        Assert.Equal(new[] { "1.0" }, log.Dialects);
        Assert.Equal(4, log.Doc.Count);
        Assert.StartsWith("This message is for a client or server PT", log.Doc[0]);
        Assert.Equal("Example: LOG SEVERITY=debug MESSAGE=\"Connected to bridge A\"", log.Doc[3]);
        Assert.Equal(
            "Literal(LOG) Space Literal(SEVERITY=) Field(severity:Enum LogSeverity) Space Literal(MESSAGE=) Field(message:QuotedString)",
            Describe(log.Items));

        var dispatcherLog = Ipc.Messages.Single(m => m.Name == "DispatcherLog");
        Assert.Equal(new[] { "pt-2.2 §1.2.1" }, dispatcherLog.Sections);
        Assert.Equal(new[] { "2.2" }, dispatcherLog.Dialects);
        Assert.Equal(new[] { new DialectValue("stdout", EquatableArray<string>.Empty) }, dispatcherLog.Streams);
        Assert.Equal("Example: LOG DEBUG This is an example debug log message.", dispatcherLog.Doc[dispatcherLog.Doc.Count - 1]);
        Assert.Equal("Literal(LOG) Space Field(level:Enum LogLevel) Space Field(message:Text)", Describe(dispatcherLog.Items));
    }

    [Fact]
    public void IpcSpec_ErrorMessages_HaveStreamAndExitPerDialect()
    {
        var versionError = Ipc.Messages.Single(m => m.Name == "VersionError");
        Assert.Equal(new[] { "stdout [1.0]", "stderr [2.0 2.1 2.2]" }, versionError.Streams.Select(v => $"{v.Value} [{string.Join(" ", v.Dialects)}]"));
        Assert.Equal(new[] { "any [1.0]", "78 [2.0 2.1 2.2]" }, versionError.Exits.Select(v => $"{v.Value} [{string.Join(" ", v.Dialects)}]"));
    }

    [Fact]
    public void IpcSpec_OptionalGroupsAndAlternatives_AreRead()
    {
        Assert.Equal(
            "Literal(SMETHOD) Space Field(transport:Token) Space Field(address:IpPort) Optional(Space Literal(ARGS:) Field(args:Args)) Optional(Space Field(options:Text))",
            Describe(Ipc.Messages.Single(m => m.Name == "Smethod").Items));
        Assert.Equal(
            "Literal(EVENT) Space Literal(CONNECTION-SUCCESS/CONNECTION-DONE) Space Field(transport:Token)",
            Describe(Ipc.Messages.Single(m => m.Name == "ConnectionSuccessEvent").Items));
    }

    [Fact]
    public void SameText_ReadsToEqualResults()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot(), "spec", "pt-ipc.spec"));
        var first = SpecReader.Read("a/pt-ipc.spec", SourceText.From(text), CancellationToken.None);
        var second = SpecReader.Read("a/pt-ipc.spec", SourceText.From(text + "\n# trailing comment\n"), CancellationToken.None);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void EnumUsedBeforeItsDeclaration_IsResolved()
    {
        var result = SpecReader.Read("t.spec", SourceText.From("message Ping = \"PING\" SP m:Mode\nenum Mode = \"a\" | \"b\"\n"), CancellationToken.None);
        Assert.Empty(result.Diagnostics);
        Assert.Equal("Literal(PING) Space Field(m:Enum Mode)", Describe(Assert.IsType<SpecModel>(result.Model).Messages[0].Items));
    }

    [Fact]
    public void CrLfLineEndings_ReadLikeLf()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot(), "spec", "pt-ipc.spec"));
        var lf = SpecReader.Read("pt-ipc.spec", SourceText.From(text), CancellationToken.None);
        var crlf = SpecReader.Read("pt-ipc.spec", SourceText.From(text.Replace("\n", "\r\n", StringComparison.Ordinal)), CancellationToken.None);
        Assert.Empty(crlf.Diagnostics);
        Assert.Equal(lf.Model, crlf.Model);
    }

    private static string Describe(EquatableArray<ItemModel> items) => string.Join(" ", items.Select(DescribeItem));

    private static string DescribeItem(ItemModel item) => item.Kind switch
    {
        ItemKind.Literal => $"Literal({string.Join("/", item.Literals)})",
        ItemKind.Space => "Space",
        ItemKind.Field when item.FieldType == FieldType.Enum => $"Field({item.FieldName}:Enum {item.EnumName})",
        ItemKind.Field => $"Field({item.FieldName}:{item.FieldType})",
        _ => $"Optional({Describe(item.Children)})",
    };

    /// <summary>
    /// The folder holding Toolkit.sln: up from the test's output folder, or (when the build output lives outside
    /// the repository, as with --artifacts-path) up from this source file.
    /// </summary>
    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" }.Where(s => s.Length > 0))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Toolkit.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Toolkit.sln not found above {AppContext.BaseDirectory} or {sourceFile}");
    }
}
