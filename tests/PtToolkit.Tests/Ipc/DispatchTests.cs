using System.Buffers;
using PtToolkit.Ipc;
using PtToolkit.Text;
using Xunit;
using Dialects = PtToolkit.Ipc.PtIpc.Dialects;
using Kind = PtToolkit.Ipc.PtIpc.MessageKind;

namespace PtToolkit.Tests.Ipc;

/// <summary>
/// PtIpc.Dispatch and its companions: Unknown and Invalid lines, the two LOG forms, the dialect filter, line
/// endings, streams and exit codes per dialect, dialect lookups, and the offset and field of errors.
/// </summary>
public class DispatchTests
{
    private static (PtIpc.ParseOutcome Outcome, OwnedRecorder Recorder) Run(string line, Dialects dialects = Dialects.All) =>
        OwnedRecorder.Run(LineText.Utf8(line), dialects);

    // Unknown and Invalid ------------------------------------------------------------------------------

    [Theory]
    [InlineData("FOO bar")]
    [InlineData("FUTURE-MESSAGE with some args")]
    [InlineData("FOO")]
    [InlineData("VERSIONS 1")]
    [InlineData("EVENT FOO bar")]
    [InlineData("EVENT CONNECTIONS obfs4")]
    [InlineData("EVENT CONNECTION-RETRY obfs4 3")]
    public void Line_with_an_unknown_keyword_or_event_type_goes_to_OnUnknown(string line)
    {
        var (outcome, recorder) = Run(line + "\r\n");

        Assert.True(outcome.IsUnknown);
        Assert.False(outcome.IsMessage || outcome.IsInvalid);
        Assert.Equal(Kind.Unknown, outcome.Kind);
        Assert.Equal(default, outcome.Error);
        Assert.Equal(1, recorder.Calls);
        Assert.True(recorder.Unknown);
        Assert.Equal(LineText.Utf8(line), recorder.ReportedLine);
        Assert.Equal(outcome, PtIpc.ParseOwned(LineText.Utf8(line), out var message));
        Assert.Null(message);
    }

    [Theory]
    [InlineData("PROXY")]
    [InlineData("PROXY DONEX")]
    [InlineData("CMETHODS NOT-DONE")]
    [InlineData("SMETHODS")]
    public void Known_keyword_whose_next_word_names_no_message_is_Unknown(string line)
    {
        // Dispatch matches a message by its keyword and leading fixed words; when they name none, the line is
        // a message this spec does not know (a later PROXY or CMETHODS form), which the parent MUST ignore.
        var (outcome, recorder) = Run(line);

        Assert.True(outcome.IsUnknown);
        Assert.True(recorder.Unknown);
    }

    [Theory]
    [InlineData("", PtErrorReason.EmptyLine)]
    [InlineData("\n", PtErrorReason.EmptyLine)]
    [InlineData("\r\n", PtErrorReason.EmptyLine)]
    [InlineData("panic: x", PtErrorReason.BadKeyword)]
    [InlineData(" VERSION 1", PtErrorReason.BadKeyword)]
    [InlineData("VERSION\t1", PtErrorReason.BadKeyword)]
    [InlineData("\0", PtErrorReason.BadKeyword)]
    [InlineData("é VERSION 1", PtErrorReason.BadKeyword)]
    public void Line_without_a_keyword_is_Invalid_at_offset_0(string line, PtErrorReason reason)
    {
        var (outcome, recorder) = Run(line);

        Assert.True(outcome.IsInvalid);
        Assert.Equal(Kind.Unknown, outcome.Kind);
        Assert.Equal(new PtParseError(0, reason, null), outcome.Error);
        Assert.Equal(1, recorder.Calls);
        Assert.True(recorder.Invalid);
        Assert.Equal(Kind.Unknown, recorder.InvalidKind);
        Assert.Equal(outcome.Error, recorder.InvalidError);
    }

    // LOG: two forms ------------------------------------------------------------------------------------

    [Fact]
    public void LOG_with_SEVERITY_is_the_PT_1_0_form()
    {
        var (outcome, recorder) = Run("LOG SEVERITY=notice MESSAGE=\"a \\\"b\\\"\"");

        Assert.Equal(Kind.Log, outcome.Kind);
        Assert.Equal(new PtIpc.LogMessage(PtIpc.LogSeverity.Notice, "a \"b\""), recorder.Message);
    }

    [Fact]
    public void LOG_with_a_level_word_is_the_PT_2_2_form()
    {
        var (outcome, recorder) = Run("LOG WARN low disk: 1% left");

        Assert.Equal(Kind.DispatcherLog, outcome.Kind);
        Assert.Equal(new PtIpc.DispatcherLogMessage(PtIpc.LogLevel.Warn, "low disk: 1% left"), recorder.Message);
    }

    [Fact]
    public void LOG_with_a_lowercase_level_is_a_2_2_LOG_with_an_unknown_level_kept_as_text()
    {
        var (outcome, recorder) = Run("LOG debug x");

        Assert.Equal(Kind.DispatcherLog, outcome.Kind);
        var log = Assert.IsType<PtIpc.DispatcherLogMessage>(recorder.Message);
        Assert.Equal(PtIpc.LogLevel.Unknown, log.Level);
        Assert.Equal("debug", log.LevelText);
        Assert.Equal("LOG debug x", log.FormatLine());
    }

    [Fact]
    public void LOG_with_an_unknown_severity_is_a_1_0_LOG_with_the_severity_kept_as_text()
    {
        var (outcome, recorder) = Run("LOG SEVERITY=loud MESSAGE=x");

        Assert.Equal(Kind.Log, outcome.Kind);
        var log = Assert.IsType<PtIpc.LogMessage>(recorder.Message);
        Assert.Equal(PtIpc.LogSeverity.Unknown, log.Severity);
        Assert.Equal("loud", log.SeverityText);
    }

    [Theory]
    [InlineData("LOG SEVERITY=debug", Kind.Log, PtErrorReason.ExpectedSpace, 18, null)]
    [InlineData("LOG SEVERITY=debug MESSAGE=two words", Kind.Log, PtErrorReason.ExpectedEnd, 30, null)]
    [InlineData("LOG DEBUG", Kind.DispatcherLog, PtErrorReason.ExpectedSpace, 9, "message")]
    [InlineData("LOG", Kind.Log, PtErrorReason.ExpectedSpace, 3, null)]
    public void Malformed_LOG_reports_the_form_that_got_furthest(string line, Kind kind, PtErrorReason reason, int offset, string? field)
    {
        var (outcome, recorder) = Run(line);

        Assert.True(outcome.IsInvalid);
        Assert.Equal(kind, outcome.Kind);
        Assert.Equal(new PtParseError(offset, reason, field), outcome.Error);
        Assert.Equal(kind, recorder.InvalidKind);
    }

    // The dialects filter ---------------------------------------------------------------------------------

    [Fact]
    public void Every_dialect_together_reads_both_LOG_forms()
    {
        Assert.Equal(Kind.DispatcherLog, Run("LOG DEBUG x").Outcome.Kind);
        Assert.Equal(Kind.Log, Run("LOG SEVERITY=debug MESSAGE=x").Outcome.Kind);
        Assert.Equal(Kind.DispatcherLog, Run("LOG DEBUG x", Dialects.V1_0 | Dialects.V2_2).Outcome.Kind);
        Assert.Equal(Kind.Log, Run("LOG SEVERITY=debug MESSAGE=x", Dialects.V1_0 | Dialects.V2_2).Outcome.Kind);
    }

    [Fact]
    public void With_only_1_0_the_2_2_LOG_is_not_considered_and_the_line_is_a_malformed_1_0_LOG()
    {
        // spec/pt-ipc.spec: Log is dialect 1.0, DispatcherLog 2.2. A 1.0 parent reads `LOG DEBUG x` as a 1.0 LOG
        // without its SEVERITY= (Invalid), not as a message it does not know: the keyword is one of its own.
        var (outcome, recorder) = Run("LOG DEBUG x", Dialects.V1_0);

        Assert.True(outcome.IsInvalid);
        Assert.Equal(Kind.Log, outcome.Kind);
        Assert.Equal(new PtParseError(4, PtErrorReason.ExpectedLiteral, null), outcome.Error);
        Assert.Equal(Kind.Log, recorder.InvalidKind);
    }

    [Fact]
    public void With_only_2_2_the_1_0_LOG_is_a_malformed_2_2_LOG()
    {
        var (outcome, _) = Run("LOG SEVERITY=debug MESSAGE=x", Dialects.V2_2);

        Assert.True(outcome.IsInvalid);
        Assert.Equal(Kind.DispatcherLog, outcome.Kind);
        Assert.Equal(new PtParseError(12, PtErrorReason.BadEnumValue, "level"), outcome.Error);
    }

    [Theory]
    [InlineData("STATUS TRANSPORT=obfs4 CONNECT=Success")]
    [InlineData("EVENT CONNECTION obfs4 198.51.100.1 19999")]
    [InlineData("EVENT CONNECTION-DONE obfs4")]
    public void PT_1_0_extensions_are_unknown_to_a_2_2_only_parent(string line)
    {
        // STATUS and EVENT are extensions of PT 1.0 (spec: dialects 1.0); no 2.2 message has these keywords.
        Assert.True(Run(line, Dialects.V2_2).Outcome.IsUnknown);
        Assert.True(Run(line, Dialects.V1_0).Outcome.IsMessage);
        Assert.True(Run(line).Outcome.IsMessage);
    }

    [Theory]
    [InlineData(Kind.Log, Dialects.V1_0)]
    [InlineData(Kind.DispatcherLog, Dialects.V2_2)]
    [InlineData(Kind.Status, Dialects.V1_0)]
    [InlineData(Kind.ConnectionEvent, Dialects.V1_0)]
    [InlineData(Kind.ConnectionErrorEvent, Dialects.V1_0)]
    [InlineData(Kind.ConnectionSuccessEvent, Dialects.V1_0)]
    [InlineData(Kind.Cmethod, Dialects.All)]
    [InlineData(Kind.VersionError, Dialects.All)]
    [InlineData(Kind.Unknown, Dialects.None)]
    public void DialectsOf_a_message(Kind kind, Dialects dialects)
    {
        Assert.Equal(dialects, PtIpc.DialectsOf(kind));
    }

    [Fact]
    public void A_proxy_kind_outside_the_dialect_still_parses_and_the_parent_decides()
    {
        var (outcome, recorder) = Run("CMETHOD t socks4 127.0.0.1:1080", Dialects.V2_2);

        Assert.Equal(Kind.Cmethod, outcome.Kind);
        var cmethod = Assert.IsType<PtIpc.CmethodMessage>(recorder.Message);
        Assert.Equal(PtIpc.ClientProxyKind.Socks4, cmethod.Method);
        Assert.Equal(0, (int)(PtIpc.DialectsOf(cmethod.Method) & Dialects.V2_2));
    }

    [Fact]
    public void No_dialect_considers_no_message()
    {
        var (outcome, recorder) = Run("VERSION 1", Dialects.None);

        Assert.True(outcome.IsUnknown);
        Assert.True(recorder.Unknown);
    }

    // Line endings ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("VERSION 1")]
    [InlineData("VERSION 1\n")]
    [InlineData("VERSION 1\r\n")]
    [InlineData("VERSION 1\r")]
    public void LF_CRLF_and_no_line_ending_read_the_same(string line)
    {
        var (outcome, recorder) = Run(line);

        Assert.Equal(Kind.Version, outcome.Kind);
        Assert.Equal(new PtIpc.VersionMessage("1"), recorder.Message);
    }

    [Theory]
    [InlineData("VERSION 1\r\r\n")]
    [InlineData("VERSION 1\r\r")]
    public void Every_CR_before_the_line_end_is_dropped(string line)
    {
        // A text field cannot end in CR: the reader would take it for part of the line ending.
        var (outcome, recorder) = Run(line);

        Assert.Equal(Kind.Version, outcome.Kind);
        Assert.Equal(new PtIpc.VersionMessage("1"), recorder.Message);
    }

    [Theory]
    [InlineData("VERSION 1\n\n")]
    [InlineData("VERSION 1\n\r")]
    [InlineData("VERSION 1\n\r\n")]
    [InlineData("VERSION 1\r\n\n")]
    public void Only_one_LF_is_dropped(string line)
    {
        var (outcome, _) = Run(line);

        Assert.True(outcome.IsInvalid);
        Assert.Equal(9, outcome.Error.Offset);
        Assert.Equal(PtErrorReason.BadByte, outcome.Error.Reason);
    }

    [Theory]
    [InlineData("ENV-ERROR a\rb")]
    [InlineData("ENV-ERROR a\r\r\n")]
    [InlineData("LOG DEBUG carriage\rreturn")]
    [InlineData("SMETHOD t 1.2.3.4:5 opt\rions")]
    [InlineData("EVENT CONNECTION-ERROR t CONNECTION_IOERROR reset\r\r")]
    public void A_line_accepted_with_a_CR_in_a_text_field_can_be_written_back(string line)
    {
        // A text is "anything but NUL or LF" (pt-1.0 §3.3 ArgChar): a CR inside it is kept and written back.
        var outcome = PtIpc.ParseOwned(LineText.Utf8(line), out var message);
        Assert.True(outcome.IsMessage, outcome.Error.ToString());

        var (status, formatted) = IpcParsers.Format(message!);
        Assert.True(status == OperationStatus.Done, $"{outcome.Kind} accepted but not writable ({status}): {LineText.Show(message!.ToString() ?? "")}");
        PtIpc.ParseOwned(formatted, out var back);
        Assert.Equal(message, back);
    }

    // Streams and exits -------------------------------------------------------------------------------------

    [Theory]
    [InlineData(Kind.VersionError, Dialects.V1_0, PtStream.Stdout, true, null)]
    [InlineData(Kind.VersionError, Dialects.V2_0, PtStream.Stderr, true, 78)]
    [InlineData(Kind.VersionError, Dialects.V2_1, PtStream.Stderr, true, 78)]
    [InlineData(Kind.VersionError, Dialects.V2_2, PtStream.Stderr, true, 78)]
    [InlineData(Kind.EnvError, Dialects.V1_0, PtStream.Stdout, true, null)]
    [InlineData(Kind.EnvError, Dialects.V2_0, PtStream.Stderr, true, 64)]
    [InlineData(Kind.EnvError, Dialects.V2_2, PtStream.Stderr, true, 64)]
    [InlineData(Kind.ProxyError, Dialects.V1_0, PtStream.Stdout, true, null)]
    [InlineData(Kind.ProxyError, Dialects.V2_1, PtStream.Stderr, true, 69)]
    [InlineData(Kind.ProxyError, Dialects.V2_2, PtStream.Stderr, true, 69)]
    [InlineData(Kind.CmethodError, Dialects.V1_0, PtStream.Stdout, false, null)]
    [InlineData(Kind.CmethodError, Dialects.V2_2, PtStream.Stderr, false, null)]
    [InlineData(Kind.SmethodError, Dialects.V1_0, PtStream.Stdout, false, null)]
    [InlineData(Kind.SmethodError, Dialects.V2_0, PtStream.Stderr, false, null)]
    [InlineData(Kind.Version, Dialects.V2_2, PtStream.Stdout, false, null)]
    [InlineData(Kind.Cmethod, Dialects.V2_2, PtStream.Stdout, false, null)]
    [InlineData(Kind.ProxyDone, Dialects.V2_2, PtStream.Stdout, false, null)]
    [InlineData(Kind.Log, Dialects.V1_0, PtStream.Stdout, false, null)]
    [InlineData(Kind.DispatcherLog, Dialects.V2_2, PtStream.Stdout, false, null)]
    public void Stream_and_exit_follow_the_dialect(Kind kind, Dialects dialect, PtStream stream, bool terminates, int? code)
    {
        Assert.Equal(stream, PtIpc.StreamOf(kind, dialect));
        Assert.Equal(new PtExit(terminates, code), PtIpc.ExitOf(kind, dialect));
    }

    [Fact]
    public void PtExit_Continue_neither_terminates_nor_has_a_code()
    {
        Assert.Equal(new PtExit(false, null), PtExit.Continue);
        Assert.Equal(PtExit.Continue, PtIpc.ExitOf(Kind.CmethodError, Dialects.V2_2));
    }

    // Dialect lookups ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("1", Dialects.V1_0)]
    [InlineData("2", Dialects.V2_0)]
    [InlineData("2.1", Dialects.V2_1)]
    [InlineData("2.2", Dialects.V2_2)]
    [InlineData("1.0", Dialects.None)]
    [InlineData("2.2 ", Dialects.None)]
    [InlineData("3", Dialects.None)]
    [InlineData("", Dialects.None)]
    public void DialectOf_reads_the_wire_version(string wire, Dialects dialect)
    {
        Assert.Equal(dialect, PtIpc.DialectOf(LineText.Utf8(wire)));
        if (dialect != Dialects.None) Assert.Equal(wire, PtIpc.WireVersionOf(dialect));
    }

    [Fact]
    public void DialectOf_2_2_u8()
    {
        Assert.Equal(Dialects.V2_2, PtIpc.DialectOf("2.2"u8));
        Assert.Equal("", PtIpc.WireVersionOf(Dialects.All));
    }

    [Theory]
    [InlineData(PtIpc.ClientProxyKind.Socks4, Dialects.V1_0)]
    [InlineData(PtIpc.ClientProxyKind.Socks5, Dialects.All)]
    [InlineData(PtIpc.ClientProxyKind.TransparentTcp, Dialects.V2_0 | Dialects.V2_1 | Dialects.V2_2)]
    [InlineData(PtIpc.ClientProxyKind.TransparentUdp, Dialects.V2_0 | Dialects.V2_1 | Dialects.V2_2)]
    [InlineData(PtIpc.ClientProxyKind.Stun, Dialects.V2_0 | Dialects.V2_1 | Dialects.V2_2)]
    [InlineData(PtIpc.ClientProxyKind.Unknown, Dialects.None)]
    public void DialectsOf_a_proxy_kind(PtIpc.ClientProxyKind kind, Dialects dialects)
    {
        Assert.Equal(dialects, PtIpc.DialectsOf(kind));
    }

    [Theory]
    [InlineData("socks4", PtIpc.ClientProxyKind.Socks4)]
    [InlineData("transparent-TCP", PtIpc.ClientProxyKind.TransparentTcp)]
    [InlineData("transparent-tcp", PtIpc.ClientProxyKind.Unknown)]
    [InlineData("STUN", PtIpc.ClientProxyKind.Stun)]
    [InlineData("", PtIpc.ClientProxyKind.Unknown)]
    public void Enum_text_lookups_are_case_sensitive_and_agree(string text, PtIpc.ClientProxyKind kind)
    {
        Assert.Equal(kind, PtIpc.ParseClientProxyKind(LineText.Utf8(text)));
        Assert.Equal(kind, PtIpc.ClientProxyKindFromText(text));
        if (kind != PtIpc.ClientProxyKind.Unknown) Assert.Equal(text, PtIpc.TextOf(kind));
    }

    // Error offsets and fields -------------------------------------------------------------------------

    [Theory]
    [InlineData("CMETHOD t socks5 1.2.3.4:70000", Kind.Cmethod, PtErrorReason.BadPort, 25, "address")]
    [InlineData("CMETHOD t socks5 ::1:5", Kind.Cmethod, PtErrorReason.BadAddress, 17, "address")]
    [InlineData("CMETHOD t socks5 [::1]5", Kind.Cmethod, PtErrorReason.MissingPort, 22, "address")]
    [InlineData("CMETHOD t socks5 1.2.3.4", Kind.Cmethod, PtErrorReason.MissingPort, 24, "address")]
    [InlineData("CMETHOD t socks5 example.com:80", Kind.Cmethod, PtErrorReason.BadAddress, 17, "address")]
    [InlineData("CMETHOD t socks5 01.2.3.4:80", Kind.Cmethod, PtErrorReason.BadAddress, 17, "address")]
    [InlineData("CMETHOD  t socks5 1.2.3.4:5", Kind.Cmethod, PtErrorReason.MissingField, 8, "transport")]
    [InlineData("CMETHOD t socks5  1.2.3.4:5", Kind.Cmethod, PtErrorReason.MissingField, 17, "address")]
    [InlineData("CMETHOD t socks5 1.2.3.4:5 ", Kind.Cmethod, PtErrorReason.ExpectedEnd, 26, null)]
    [InlineData("CMETHOD t sock$5 1.2.3.4:5", Kind.Cmethod, PtErrorReason.BadEnumValue, 14, "method")]
    [InlineData("SMETHOD t 1.2.3.4:5 ARGS:a", Kind.Smethod, PtErrorReason.ExpectedEquals, 26, "args")]
    [InlineData("SMETHOD t 1.2.3.4:5 ARGS:=b", Kind.Smethod, PtErrorReason.EmptyKey, 25, "args")]
    [InlineData("SMETHOD t 1.2.3.4:5 ARGS:a=b,", Kind.Smethod, PtErrorReason.EmptyKey, 29, "args")]
    [InlineData("SMETHOD t 1.2.3.4:5 ARGS:a=b\\", Kind.Smethod, PtErrorReason.BadEscape, 28, "args")]
    [InlineData("LOG SEVERITY=debug MESSAGE=\"abc", Kind.Log, PtErrorReason.UnterminatedString, 31, "message")]
    [InlineData("LOG SEVERITY=debug MESSAGE=\"a\\qb\"", Kind.Log, PtErrorReason.BadEscape, 29, "message")]
    [InlineData("STATUS TRANSPORT=t K=\"\\400\"", Kind.Status, PtErrorReason.BadEscape, 22, "values")]
    [InlineData("STATUS TRANSPORT=t", Kind.Status, PtErrorReason.ExpectedSpace, 18, "values")]
    [InlineData("STATUS TRANSPORT=t =v", Kind.Status, PtErrorReason.EmptyKey, 19, "values")]
    [InlineData("STATUS TRANSPORT=t K=\"x\"y", Kind.Status, PtErrorReason.ExpectedSpace, 24, "values")]
    [InlineData("EVENT CONNECTION t 1.2.3.4 65536", Kind.ConnectionEvent, PtErrorReason.BadPort, 27, "port")]
    [InlineData("EVENT CONNECTION t [::1] 80", Kind.ConnectionEvent, PtErrorReason.BadAddress, 19, "address")]
    [InlineData("VERSION 1,2", Kind.Version, PtErrorReason.BadByte, 9, "version")]
    [InlineData("VERSION  1", Kind.Version, PtErrorReason.MissingField, 8, "version")]
    [InlineData("ENV-ERROR ", Kind.EnvError, PtErrorReason.MissingField, 10, "message")]
    [InlineData("ENV-ERROR a\0b", Kind.EnvError, PtErrorReason.BadByte, 11, "message")]
    [InlineData("CMETHOD-ERROR t", Kind.CmethodError, PtErrorReason.ExpectedSpace, 15, "message")]
    public void Invalid_line_reports_offset_reason_and_field(string line, Kind kind, PtErrorReason reason, int offset, string? field)
    {
        var (outcome, recorder) = Run(line + "\n");

        Assert.True(outcome.IsInvalid);
        Assert.Equal(kind, outcome.Kind);
        Assert.Equal(new PtParseError(offset, reason, field), outcome.Error);
        Assert.Equal(kind, recorder.InvalidKind);
        Assert.Equal(outcome.Error, recorder.InvalidError);
        Assert.Equal(LineText.Utf8(line), recorder.ReportedLine);

        Assert.False(IpcParsers.TryParseView(kind, LineText.Utf8(line), out var direct));
        Assert.Equal(outcome.Error, direct);
    }

    [Fact]
    public void Error_text_names_offset_field_and_reason()
    {
        var (outcome, _) = Run("CMETHOD t socks5 1.2.3.4:70000");

        Assert.Equal("offset 25: address: port is not a number from 0 to 65535", outcome.Error.ToString());
        Assert.Equal("offset 0: empty line", Run("").Outcome.Error.ToString());
    }
}
