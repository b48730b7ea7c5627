using System;
using System.Buffers;
using System.Linq;
using System.Text;
using FsCheck.Xunit;
using PtToolkit.Ipc;
using PtToolkit.Text;
using Xunit;
using Kind = PtToolkit.Ipc.PtIpc.MessageKind;

namespace PtToolkit.Tests.Ipc;

/// <summary>
/// Properties of the generated IPC parsers and formatters: format then parse gives the message back, accepted
/// lines survive parse-format-parse, no input makes a parser throw, and 1 MB lines are handled. That Dispatch
/// allocates nothing is in <see cref="AllocationTests"/>.
/// </summary>
public class IpcPropertyTests
{
    private static string Show(byte[] line) => LineText.Show(line);

    // (a) format -> parse ------------------------------------------------------------------------------

    [Property(Arbitrary = new[] { typeof(IpcArbitraries) }, MaxTest = 1500)]
    public void Formatted_message_parses_back_equal(ValidMessage valid)
    {
        var message = valid.Message;
        var kind = IpcParsers.KindOf(message);
        var (status, line) = IpcParsers.Format(message);

        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal((byte)'\n', line[^1]);
        Assert.Equal(-1, line.AsSpan(0, line.Length - 1).IndexOfAny((byte)'\n', (byte)'\0'));

        var outcome = PtIpc.ParseOwned(line, out var back);
        Assert.True(outcome.IsMessage, $"{outcome.Kind} {outcome.Error} in {Show(line)}");
        Assert.Equal(kind, outcome.Kind);
        Assert.Equal(FieldDump.Of(message), FieldDump.Of(back!));
        Assert.Equal(message, back);

        var typed = IpcParsers.ParseOwnedAs(kind, line, out var error);
        Assert.False(error.IsError);
        Assert.Equal(message, typed);
    }

    [Property(Arbitrary = new[] { typeof(IpcArbitraries) }, MaxTest = 500)]
    public void TryFormat_fits_exactly_and_reports_a_short_destination(ValidMessage valid)
    {
        var (_, line) = IpcParsers.Format(valid.Message);

        var exact = new byte[line.Length];
        Assert.Equal(OperationStatus.Done, valid.Message.TryFormat(exact, out int written));
        Assert.Equal(line.Length, written);
        Assert.Equal(line, exact);

        var shorter = new byte[line.Length - 1];
        Assert.Equal(OperationStatus.DestinationTooSmall, valid.Message.TryFormat(shorter, out written));
        Assert.Equal(0, written);
    }

    [Property(Arbitrary = new[] { typeof(IpcArbitraries) }, MaxTest = 800)]
    public void Typed_static_TryFormat_writes_what_the_owned_message_writes(ValidMessage valid)
    {
        var (_, expected) = IpcParsers.Format(valid.Message);
        var buffer = new byte[expected.Length + 16];
        int written;
        OperationStatus status;
        bool knownEnum = true;
        switch (valid.Message)
        {
            case PtIpc.VersionErrorMessage m: status = PtIpc.VersionErrorMessage.TryFormat(buffer, m.Message, out written); break;
            case PtIpc.VersionMessage m: status = PtIpc.VersionMessage.TryFormat(buffer, m.Version, out written); break;
            case PtIpc.EnvErrorMessage m: status = PtIpc.EnvErrorMessage.TryFormat(buffer, m.Message, out written); break;
            case PtIpc.ProxyErrorMessage m: status = PtIpc.ProxyErrorMessage.TryFormat(buffer, m.Message, out written); break;
            case PtIpc.CmethodMessage m:
                knownEnum = m.Method != PtIpc.ClientProxyKind.Unknown;
                status = PtIpc.CmethodMessage.TryFormat(buffer, m.Transport, m.Method, m.Address, out written);
                break;
            case PtIpc.CmethodErrorMessage m: status = PtIpc.CmethodErrorMessage.TryFormat(buffer, m.Transport, m.Message, out written); break;
            case PtIpc.SmethodMessage m: status = PtIpc.SmethodMessage.TryFormat(buffer, m.Transport, m.Address, m.Args, m.Options, out written); break;
            case PtIpc.SmethodErrorMessage m: status = PtIpc.SmethodErrorMessage.TryFormat(buffer, m.Transport, m.Message, out written); break;
            case PtIpc.LogMessage m:
                knownEnum = m.Severity != PtIpc.LogSeverity.Unknown;
                status = PtIpc.LogMessage.TryFormat(buffer, m.Severity, m.Message, out written);
                break;
            case PtIpc.DispatcherLogMessage m:
                knownEnum = m.Level != PtIpc.LogLevel.Unknown;
                status = PtIpc.DispatcherLogMessage.TryFormat(buffer, m.Level, m.Message, out written);
                break;
            case PtIpc.StatusMessage m: status = PtIpc.StatusMessage.TryFormat(buffer, m.Transport, m.Values, out written); break;
            case PtIpc.ConnectionEventMessage m: status = PtIpc.ConnectionEventMessage.TryFormat(buffer, m.Transport, m.Address, m.Port, out written); break;
            case PtIpc.ConnectionErrorEventMessage m:
                knownEnum = m.ErrorType != PtIpc.ConnectionErrorType.Unknown;
                status = PtIpc.ConnectionErrorEventMessage.TryFormat(buffer, m.Transport, m.ErrorType, m.Message, out written);
                break;
            case PtIpc.ConnectionSuccessEventMessage m: status = PtIpc.ConnectionSuccessEventMessage.TryFormat(buffer, m.Transport, out written); break;
            default:
                // ProxyDone, CmethodsDone and SmethodsDone have no field, hence no typed overload.
                status = valid.Message.TryFormat(buffer, out written);
                break;
        }
        if (knownEnum)
        {
            Assert.Equal(OperationStatus.Done, status);
            Assert.Equal(expected, buffer[..written]);
        }
        else
        {
            // The typed overload takes the enum only; Unknown has no wire text, so it cannot be written.
            Assert.Equal(OperationStatus.InvalidData, status);
            Assert.Equal(0, written);
        }
    }

    [Fact]
    public void Message_generator_covers_every_kind_and_unknown_enum_values()
    {
        var sample = FsCheck.Fluent.Gen.Sample(IpcArbitraries.AnyMessage, 2000, 50);
        Assert.Equal(IpcParsers.Kinds.OrderBy(k => k), sample.Select(IpcParsers.KindOf).Distinct().OrderBy(k => k));
        Assert.Contains(sample, m => m is PtIpc.CmethodMessage { Method: PtIpc.ClientProxyKind.Unknown });
        Assert.Contains(sample, m => m is PtIpc.LogMessage { Severity: PtIpc.LogSeverity.Unknown });
        Assert.Contains(sample, m => m is PtIpc.DispatcherLogMessage { Level: PtIpc.LogLevel.Unknown });
        Assert.Contains(sample, m => m is PtIpc.ConnectionErrorEventMessage { ErrorType: PtIpc.ConnectionErrorType.Unknown });
        Assert.Contains(sample, m => m is PtIpc.SmethodMessage { Address.Kind: PtHostKind.IPv6 });
        Assert.Contains(sample, m => m is PtIpc.ConnectionEventMessage c && c.Address.Any(char.IsAsciiLetter) && !c.Address.Contains(':'));
    }

    // (b) parse -> format -> parse --------------------------------------------------------------------

    [Property(Arbitrary = new[] { typeof(IpcArbitraries) }, MaxTest = 3000)]
    public void Accepted_line_survives_parse_format_parse(NearMissLine near)
    {
        var outcome = PtIpc.ParseOwned(near.Bytes, out var first);
        Assert.Equal(outcome.IsMessage, first is not null);
        if (first is null) return;

        var (status, line) = IpcParsers.Format(first);
        Assert.True(status == OperationStatus.Done, $"accepted as {outcome.Kind} but formatting gives {status}: {first}");

        var again = PtIpc.ParseOwned(line, out var second);
        Assert.True(again.IsMessage, $"{again.Error} in reformatted {Show(line)}");
        Assert.Equal(outcome.Kind, again.Kind);
        Assert.Equal(first, second);
        Assert.Equal(line, IpcParsers.Format(second!).Line);
    }

    // (c) arbitrary bytes ------------------------------------------------------------------------------

    [Property(Arbitrary = new[] { typeof(IpcArbitraries) }, MaxTest = 600)]
    public void Arbitrary_bytes_never_throw_and_errors_point_into_the_line(ArbitraryLine arbitrary)
    {
        var bytes = arbitrary.Bytes;
        int length = PtLineCursor.TrimLineEnd(bytes).Length;

        foreach (var dialects in new[] { PtIpc.Dialects.All, PtIpc.Dialects.V1_0, PtIpc.Dialects.V2_2 })
        {
            var (outcome, recorder) = OwnedRecorder.Run(bytes, dialects);
            Assert.Equal(1, recorder.Calls);
            Assert.Equal(outcome.IsMessage, recorder.Message is not null);
            Assert.Equal(outcome.IsUnknown, recorder.Unknown);
            Assert.Equal(outcome.IsInvalid, recorder.Invalid);
            if (outcome.IsInvalid)
            {
                Assert.InRange(outcome.Error.Offset, 0, length);
                Assert.Equal(outcome.Error, recorder.InvalidError);
                Assert.Equal(outcome.Kind, recorder.InvalidKind);
            }
        }

        var owned = PtIpc.ParseOwned(bytes, out var message);
        Assert.Equal(owned.IsMessage, message is not null);

        foreach (var kind in IpcParsers.Kinds)
        {
            bool ok = IpcParsers.TryParseView(kind, bytes, out var error);
            var typed = IpcParsers.ParseOwnedAs(kind, bytes, out var typedError);
            Assert.Equal(ok, typed is not null);
            Assert.Equal(error, typedError);
            Assert.Equal(!ok, error.IsError);
            if (!ok) Assert.InRange(error.Offset, 0, length);
            // Dispatch finds the message when a parser accepts the line, and only then.
            if (ok) Assert.Equal(kind, owned.Kind);
            if (ok) Assert.Equal(typed, message);
            if (owned.IsMessage && owned.Kind == kind) Assert.True(ok);
        }
    }

    // (d) 1 MB lines -----------------------------------------------------------------------------------

    private const int OneMegabyte = 1_000_000;

    private static byte[] Repeat(string prefix, char c, int total, string suffix = "") =>
        Encoding.ASCII.GetBytes(prefix + new string(c, total - prefix.Length - suffix.Length) + suffix);

    private static byte[] ArgsLine(int pairs)
    {
        var sb = new StringBuilder("SMETHOD obfs4 198.51.100.1:4444 ARGS:");
        for (int i = 0; i < pairs; i++) sb.Append(i == 0 ? "" : ",").Append('k').Append(i).Append("=v\\,").Append(i);
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    [Theory]
    [InlineData("A run")]
    [InlineData("space run")]
    [InlineData("NUL run")]
    [InlineData("unterminated LOG")]
    [InlineData("ARGS of backslashes, odd")]
    [InlineData("STATUS bare value with a NUL at the end")]
    public void A_1MB_line_that_is_not_a_message_is_refused_without_throwing(string shape)
    {
        byte[] line = shape switch
        {
            "A run" => Repeat("", 'A', OneMegabyte),
            "space run" => Repeat("", ' ', OneMegabyte),
            "NUL run" => Repeat("", '\0', OneMegabyte),
            "unterminated LOG" => Repeat("LOG SEVERITY=debug MESSAGE=\"", 'x', OneMegabyte),
            "ARGS of backslashes, odd" => Repeat("SMETHOD t 1.2.3.4:5 ARGS:k=", '\\', "SMETHOD t 1.2.3.4:5 ARGS:k=".Length + 999_999),
            _ => Repeat("STATUS TRANSPORT=t K=", 'v', OneMegabyte, "\0"),
        };
        var (outcome, recorder) = OwnedRecorder.Run(line);

        var (expectedKind, reason, offset) = shape switch
        {
            "A run" => (Kind.Unknown, PtErrorReason.None, 0),
            "space run" => (Kind.Unknown, PtErrorReason.BadKeyword, 0),
            "NUL run" => (Kind.Unknown, PtErrorReason.BadKeyword, 0),
            "unterminated LOG" => (Kind.Log, PtErrorReason.UnterminatedString, line.Length),
            "ARGS of backslashes, odd" => (Kind.Smethod, PtErrorReason.BadEscape, line.Length - 1),
            _ => (Kind.Status, PtErrorReason.BadByte, line.Length - 1),
        };
        Assert.Equal(expectedKind, outcome.Kind);
        Assert.Equal(reason, outcome.Error.Reason);
        Assert.Equal(offset, outcome.Error.Offset);
        Assert.Null(recorder.Message);
        foreach (var kind in IpcParsers.Kinds) Assert.False(IpcParsers.TryParseView(kind, line, out _));
    }

    [Theory]
    [InlineData("LOG with a 1 MB quoted message")]
    [InlineData("ENV-ERROR with a 1 MB text")]
    [InlineData("SMETHOD with 50k ARGS pairs")]
    [InlineData("STATUS with a 1 MB CString of escapes")]
    public void A_valid_1MB_line_parses_and_round_trips(string shape)
    {
        byte[] line = shape switch
        {
            "LOG with a 1 MB quoted message" => Repeat("LOG SEVERITY=debug MESSAGE=\"", ' ', OneMegabyte, "\""),
            "ENV-ERROR with a 1 MB text" => Encoding.UTF8.GetBytes("ENV-ERROR " + new string('é', (OneMegabyte - 10) / 2)),
            "SMETHOD with 50k ARGS pairs" => ArgsLine(50_000),
            _ => Encoding.ASCII.GetBytes("STATUS TRANSPORT=t K=\"" + string.Concat(Enumerable.Repeat("\\n\\\"", 200_000)) + "\""),
        };
        Assert.InRange(line.Length, 500_000, PtMessageExtensions.MaxLineBytes - 1);

        var outcome = PtIpc.ParseOwned(line, out var message);
        Assert.True(outcome.IsMessage, outcome.Error.ToString());
        switch (message)
        {
            case PtIpc.LogMessage log: Assert.Equal(OneMegabyte - 29, log.Message.Length); break;
            case PtIpc.EnvErrorMessage env: Assert.Equal((OneMegabyte - 10) / 2, env.Message.Length); break;
            case PtIpc.SmethodMessage smethod:
                Assert.Equal(50_000, smethod.Args!.Count);
                Assert.Equal(new System.Collections.Generic.KeyValuePair<string, string>("k49999", "v,49999"), smethod.Args[49_999]);
                break;
            case PtIpc.StatusMessage status: Assert.Equal(400_000, status.Values[0].Value.Length); break;
            default: Assert.Fail($"unexpected {message}"); break;
        }

        var formatted = message!.FormatLine();
        Assert.Equal(line, Encoding.UTF8.GetBytes(formatted));
        PtIpc.ParseOwned(Encoding.UTF8.GetBytes(formatted), out var back);
        Assert.Equal(message, back);
    }
}
