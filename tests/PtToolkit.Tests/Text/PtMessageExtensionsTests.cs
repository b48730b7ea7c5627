using System;
using System.Buffers;
using System.Text;
using PtToolkit.Ipc;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Primitives;

/// <summary>PtMessageExtensions: Write grows an IBufferWriter until the line fits (up to MaxLineBytes); FormatLine.</summary>
public class PtMessageExtensionsTests
{
    [Fact]
    public void Write_grows_the_buffer_for_a_long_line()
    {
        string text = new('x', 100_000);
        var buffer = new ArrayBufferWriter<byte>(1);

        Assert.Equal(OperationStatus.Done, new PtIpc.EnvErrorMessage(text).Write(buffer));

        Assert.Equal(Encoding.ASCII.GetBytes("ENV-ERROR " + text + "\n"), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Write_appends_after_what_the_buffer_already_holds()
    {
        var buffer = new ArrayBufferWriter<byte>();

        new PtIpc.VersionMessage("2.2").Write(buffer);
        new PtIpc.CmethodMessage("obfs4", PtIpc.ClientProxyKind.Socks5, PtEndpoint.IPv4("127.0.0.1", 19999)).Write(buffer);
        new PtIpc.CmethodsDoneMessage().Write(buffer);

        Assert.Equal("VERSION 2.2\nCMETHOD obfs4 socks5 127.0.0.1:19999\nCMETHODS DONE\n", Encoding.ASCII.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Write_takes_a_line_of_MaxLineBytes_and_refuses_one_byte_more()
    {
        // "ENV-ERROR " + text + "\n"
        int fits = PtMessageExtensions.MaxLineBytes - 11;
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(OperationStatus.Done, new PtIpc.EnvErrorMessage(new string('x', fits)).Write(buffer));
        Assert.Equal(PtMessageExtensions.MaxLineBytes, buffer.WrittenCount);

        var tooLong = new ArrayBufferWriter<byte>();
        Assert.Equal(OperationStatus.DestinationTooSmall, new PtIpc.EnvErrorMessage(new string('x', fits + 1)).Write(tooLong));
        Assert.Equal(0, tooLong.WrittenCount);
        Assert.Throws<FormatException>(() => new PtIpc.EnvErrorMessage(new string('x', fits + 1)).FormatLine());
    }

    [Fact]
    public void Write_of_an_unwritable_value_writes_nothing()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(OperationStatus.InvalidData, new PtIpc.EnvErrorMessage("a\nb").Write(buffer));
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void FormatLine_gives_the_line_without_its_LF_and_names_the_kind_when_it_cannot()
    {
        Assert.Equal("LOG SEVERITY=info MESSAGE=\"a b\"", new PtIpc.LogMessage(PtIpc.LogSeverity.Info, "a b").FormatLine());
        var error = Assert.Throws<FormatException>(() => new PtIpc.CmethodErrorMessage("a b", "x").FormatLine());
        Assert.Contains("CmethodError", error.Message);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => PtMessageExtensions.Write(null!, new ArrayBufferWriter<byte>()));
        Assert.Throws<ArgumentNullException>(() => new PtIpc.ProxyDoneMessage().Write(null!));
    }
}
