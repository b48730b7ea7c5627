using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PtToolkit.Config;
using PtToolkit.Hosting;
using PtToolkit.Ipc;
using PtToolkit.Tests.Ipc;
using PtToolkit.Tests.Primitives;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>The host's IPC writer: whole lines, one write and flush each, on the stream the spec names for the dialect.</summary>
public sealed class PtIpcWriterTests
{
    [Fact]
    public async Task Concurrent_writers_never_interleave_and_each_line_is_one_write_and_one_flush()
    {
        var stdout = new RecordingStream();
        var writer = new PtIpcWriter(stdout, new RecordingStream());
        const int Writers = 8, PerWriter = 200;

        using var start = new Barrier(Writers);
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < PerWriter; i++) writer.Log(PtIpc.LogSeverity.Info, $"writer {w} line {i} " + new string((char)('a' + w), 100 + i));
        })).ToList();
        threads.ForEach(t => t.Start());
        await Task.Run(() => threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(30)))));

        Assert.False(stdout.Overlapped);
        Assert.Equal(Writers * PerWriter, stdout.Chunks.Count);
        Assert.Equal(Writers * PerWriter, stdout.Flushes);
        Assert.All(stdout.Chunks, chunk => Assert.Equal(1, chunk.Count(b => b == (byte)'\n')));
        Assert.All(stdout.Chunks, chunk => Assert.Equal((byte)'\n', chunk[^1]));
        var messages = stdout.Lines.Select(line => Assert.IsType<PtIpc.LogMessage>(Owned(line)).Message).ToHashSet();
        var expected = Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, PerWriter).Select(i => $"writer {w} line {i} " + new string((char)('a' + w), 100 + i)));
        Assert.True(messages.SetEquals(expected));
    }

    [Theory]
    [InlineData(PtIpc.Dialects.V1_0, false)]
    [InlineData(PtIpc.Dialects.V2_0, true)]
    [InlineData(PtIpc.Dialects.V2_2, true)]
    public void Error_lines_go_to_stderr_in_2x_and_to_stdout_in_1_0(PtIpc.Dialects dialect, bool onStderr)
    {
        var stdout = new RecordingStream();
        var stderr = new RecordingStream();
        var writer = new PtIpcWriter(stdout, stderr, dialect);

        writer.Write(new PtIpc.VersionMessage("1"));
        writer.Write(new PtIpc.EnvErrorMessage("TOR_PT_ORPORT: missing"));
        writer.Write(new PtIpc.CmethodErrorMessage("sample", "no rocks available"));
        writer.Write(new PtIpc.CmethodsDoneMessage());

        string[] errors = ["ENV-ERROR TOR_PT_ORPORT: missing", "CMETHOD-ERROR sample no rocks available"];
        Assert.Equal(onStderr ? ["VERSION 1", "CMETHODS DONE"] : ["VERSION 1", .. errors, "CMETHODS DONE"], stdout.Lines);
        Assert.Equal(onStderr ? errors : [], stderr.Lines);
    }

    [Fact]
    public void A_message_that_cannot_be_written_is_refused_whole()
    {
        var stdout = new RecordingStream();
        var writer = new PtIpcWriter(stdout, stdout);

        Assert.False(writer.Write(new PtIpc.CmethodMessage("two words", PtIpc.ClientProxyKind.Socks5, PtEndpoint.IPv4("127.0.0.1", 1))));
        Assert.False(writer.Write(new PtIpc.CmethodErrorMessage("sample", "line\nbreak")));
        Assert.True(writer.Write(new PtIpc.CmethodsDoneMessage()));

        Assert.Equal(["CMETHODS DONE"], stdout.Lines);
        Assert.True(writer.IsConnected);
    }

    [Fact]
    public void A_line_longer_than_the_first_buffer_is_written_whole()
    {
        var stdout = new RecordingStream();
        var writer = new PtIpcWriter(stdout, stdout);
        string message = new('x', 100_000);

        Assert.True(writer.Log(PtIpc.LogSeverity.Debug, message));

        Assert.Equal(message, Assert.IsType<PtIpc.LogMessage>(Owned(Assert.Single(stdout.Lines))).Message);
        Assert.Single(stdout.Chunks);
    }

    [Fact]
    public void After_a_failed_write_every_write_fails_and_the_writer_says_so()
    {
        var closed = new MemoryStream();
        closed.Dispose();
        var writer = new PtIpcWriter(closed, closed);

        Assert.False(writer.Write(new PtIpc.VersionMessage("1")));
        Assert.False(writer.IsConnected);
        Assert.False(writer.Log(PtIpc.LogSeverity.Error, "anyone?"));
    }

    [Fact]
    public void STATUS_carries_the_transport_and_its_pairs_in_every_dialect()
    {
        var v1 = new RecordingStream();
        var v22 = new RecordingStream();
        var values = new PtKeyValueList(("ADDRESS", "198.51.100.1:4444"), ("CONNECT", "Success"));

        Assert.True(new PtIpcWriter(v1, v1).Status("sample", values));
        Assert.True(new PtIpcWriter(v22, v22, PtIpc.Dialects.V2_2).Status("sample", values));

        Assert.Equal(["STATUS TRANSPORT=sample ADDRESS=198.51.100.1:4444 CONNECT=Success"], v1.Lines);
        Assert.Equal(v1.Lines, v22.Lines);
    }

    [Theory]
    [InlineData(PtConfig.IpcLogLevel.None, "")]
    [InlineData(PtConfig.IpcLogLevel.Error, "E")]
    [InlineData(PtConfig.IpcLogLevel.Warn, "EW")]
    [InlineData(PtConfig.IpcLogLevel.Info, "EWNI")]
    [InlineData(PtConfig.IpcLogLevel.Debug, "EWNID")]
    public void In_2_2_LOG_is_the_dispatcher_form_filtered_by_ipcLogLevel(PtConfig.IpcLogLevel level, string sent)
    {
        var stdout = new RecordingStream();
        var writer = new PtIpcWriter(stdout, stdout, PtIpc.Dialects.V2_2) { LogLevel = level };

        writer.Log(PtIpc.LogSeverity.Error, "E");
        writer.Log(PtIpc.LogSeverity.Warning, "W");
        writer.Log(PtIpc.LogSeverity.Notice, "N");
        writer.Log(PtIpc.LogSeverity.Info, "I");
        writer.Log(PtIpc.LogSeverity.Debug, "D");

        Assert.Equal(sent, string.Concat(stdout.Lines.Select(line => Assert.IsType<PtIpc.DispatcherLogMessage>(Owned(line)).Message)));
        if (sent.Length > 0) Assert.Equal("LOG ERROR E", stdout.Lines[0]);
    }

    [Property(Arbitrary = new[] { typeof(IpcArbitraries) }, MaxTest = 300)]
    public Property Any_message_is_written_as_one_line_that_parses_back_on_the_stream_the_spec_names(ValidMessage valid, bool twoX)
    {
        var stdout = new RecordingStream();
        var stderr = new RecordingStream();
        var dialect = twoX ? PtIpc.Dialects.V2_2 : PtIpc.Dialects.V1_0;
        var writer = new PtIpcWriter(stdout, stderr, dialect);

        bool written = writer.Write(valid.Message);

        Enum.TryParse(valid.Message.KindName, out PtIpc.MessageKind kind);
        var (used, unused) = PtIpc.StreamOf(kind, dialect) == PtStream.Stderr ? (stderr, stdout) : (stdout, stderr);
        return (written && used.Chunks.Count == 1 && unused.Chunks.Count == 0 && Equals(Owned(used.Chunks[0]), valid.Message)).ToProperty();
    }

    [Property(Arbitrary = new[] { typeof(TextArbitraries) }, MaxTest = 500)]
    public Property Any_log_text_reaches_the_parent_in_both_forms(AnyText text)
    {
        var v1 = new RecordingStream();
        var v22 = new RecordingStream();
        new PtIpcWriter(v1, v1).Log(PtIpc.LogSeverity.Notice, text.Value);
        new PtIpcWriter(v22, v22, PtIpc.Dialects.V2_2) { LogLevel = PtConfig.IpcLogLevel.Debug }.Log(PtIpc.LogSeverity.Notice, text.Value);

        string flattened = text.Value.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', ' ');
        bool v1Back = Owned(Assert.Single(v1.Chunks)) is PtIpc.LogMessage { Severity: PtIpc.LogSeverity.Notice } m1 && m1.Message == text.Value;
        bool v22Back = Owned(Assert.Single(v22.Chunks)) is PtIpc.DispatcherLogMessage { Level: PtIpc.LogLevel.Info } m2
            && m2.Message == (flattened.Length == 0 ? " " : flattened);
        return (v1Back && v22Back).Label($"1.0: {v1Back}, 2.2: {v22Back}");
    }

    private static IPtMessage? Owned(string line) => Owned(Encoding.UTF8.GetBytes(line));

    /// <summary>The owned message of a line, or null when the line is no valid message.</summary>
    private static IPtMessage? Owned(byte[] line) => PtIpc.ParseOwned(line, out var message).IsMessage ? message : null;
}
