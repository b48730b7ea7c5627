using System.Collections.Generic;
using PtToolkit.Ipc;
using PtToolkit.Text;
using Xunit;
using Kind = PtToolkit.Ipc.PtIpc.MessageKind;

namespace PtToolkit.Tests.Ipc;

/// <summary>
/// Every example line printed in the four PT documents (../shared/specs), each with the message it must parse
/// to. Examples that the markdown splits over two lines (SMETHOD then its ARGS) are joined; trailing markdown
/// line-break spaces are dropped; markdown escapes (<c>CONNECTION\_TIMEOUT</c>) are removed.
/// </summary>
public class DocumentExampleTests
{
    private const string Pt10 = "pt-1.0-ipc.md";
    private const string Pt20 = "pt-2.0-draft3.md";
    private const string Pt22 = "pt-2.2-dispatcher-ipc.md";
    private const string P0004 = "pt-proposal-0004-event-messages.md";

    private const string Env = "ENV-ERROR No TOR_PT_AUTH_COOKIE_FILE when TOR_PT_EXTENDED_SERVER_PORT set";
    private const string EnvText = "No TOR_PT_AUTH_COOKIE_FILE when TOR_PT_EXTENDED_SERVER_PORT set";
    private const string ProxyError = "PROXY-ERROR SOCKS 4 upstream proxies unsupported.";
    private const string Cert20 = "60RNHBMRrf+aOSPzSj8bD4ASGyyPl0mkaOUAQsAYljSkFB0G8B8m9fGvGJCpOxwoXS1baA";
    private const string Cert22 = "60RNHBMRrf+aOSPzSj8bD4ASGyyPl0mkaOUAQsAY1jSkFB0G8B8m9fGvGJCpOxwoXS1baA";
    private const string CertB = "HszPy3vWfjsESCEOo9ZBkRv6zQ/1mGHzc8arF0y2SpwFr3WhsMu8rK0zyaoyERfbz3ddFw";
    private const string Meek = "2001:0db8:85a3:0000:0000:8a2e:0370:7334";

    private static PtEndpoint V4(string host, ushort port) => new(host, PtHostKind.IPv4, port);

    private static PtEndpoint V6(string host, ushort port) => new(host, PtHostKind.IPv6, port);

    private static PtKeyValueList Pairs(params (string Key, string Value)[] pairs) => new(pairs);

    private static object?[] Row(string document, string line, IPtMessage expected, string? reformatted = null) =>
        new object?[] { document, line, expected, reformatted };

    /// <summary>Document, line, the message it parses to, and the line FormatLine writes when it is not the same bytes.</summary>
    public static IEnumerable<object?[]> Examples()
    {
        // pt-1.0-ipc.md (pt-spec.txt §3.3.1-3.3.5)
        yield return Row(Pt10 + " §3.3.1", "VERSION-ERROR no-version", new PtIpc.VersionErrorMessage("no-version"));
        yield return Row(Pt10 + " §3.3.1", "VERSION 1", new PtIpc.VersionMessage("1"));
        yield return Row(Pt10 + " §3.3.1", Env, new PtIpc.EnvErrorMessage(EnvText));
        yield return Row(Pt10 + " §3.3.2", "PROXY DONE", new PtIpc.ProxyDoneMessage());
        yield return Row(Pt10 + " §3.3.2", ProxyError, new PtIpc.ProxyErrorMessage("SOCKS 4 upstream proxies unsupported."));
        yield return Row(Pt10 + " §3.3.2", "CMETHOD trebuchet socks5 127.0.0.1:19999",
            new PtIpc.CmethodMessage("trebuchet", PtIpc.ClientProxyKind.Socks5, V4("127.0.0.1", 19999)));
        yield return Row(Pt10 + " §3.3.2", "CMETHOD-ERROR trebuchet no rocks available", new PtIpc.CmethodErrorMessage("trebuchet", "no rocks available"));
        yield return Row(Pt10 + " §3.3.2", "CMETHODS DONE", new PtIpc.CmethodsDoneMessage());
        yield return Row(Pt10 + " §3.3.3", "SMETHOD trebuchet 198.51.100.1:19999", new PtIpc.SmethodMessage("trebuchet", V4("198.51.100.1", 19999)));
        yield return Row(Pt10 + " §3.3.3", "SMETHOD rot_by_N 198.51.100.1:2323 ARGS:N=13",
            new PtIpc.SmethodMessage("rot_by_N", V4("198.51.100.1", 2323), Pairs(("N", "13"))));
        yield return Row(Pt10 + " §3.3.3", "SMETHOD-ERROR trebuchet no cows available", new PtIpc.SmethodErrorMessage("trebuchet", "no cows available"));
        yield return Row(Pt10 + " §3.3.3", "SMETHODS DONE", new PtIpc.SmethodsDoneMessage());
        yield return Row(Pt10 + " §3.3.4", "LOG SEVERITY=debug MESSAGE=\"Connected to bridge A\"",
            new PtIpc.LogMessage(PtIpc.LogSeverity.Debug, "Connected to bridge A"));
        yield return Row(Pt10 + " §3.3.5", "STATUS TRANSPORT=obfs4 ADDRESS=198.51.100.123:1234 CONNECT=Success",
            new PtIpc.StatusMessage("obfs4", Pairs(("ADDRESS", "198.51.100.123:1234"), ("CONNECT", "Success"))));
        yield return Row(Pt10 + " §3.3.5",
            "STATUS TRANSPORT=obfs4 ADDRESS=198.51.100.222:2222 CONNECT=Failed FINGERPRINT=<Fingerprint> ERRSTR=\"Connection refused\"",
            new PtIpc.StatusMessage("obfs4", Pairs(("ADDRESS", "198.51.100.222:2222"), ("CONNECT", "Failed"),
                ("FINGERPRINT", "<Fingerprint>"), ("ERRSTR", "Connection refused"))));
        yield return Row(Pt10 + " §3.3.5", "STATUS TRANSPORT=trebuchet ADDRESS=198.51.100.15:443 PERCENT=42",
            new PtIpc.StatusMessage("trebuchet", Pairs(("ADDRESS", "198.51.100.15:443"), ("PERCENT", "42"))));

        // pt-2.0-draft3.md (§3.3.2.1-3.3.2.3, Appendices A and B)
        yield return Row(Pt20 + " §3.3.2.1", "VERSION-ERROR no-version", new PtIpc.VersionErrorMessage("no-version"));
        yield return Row(Pt20 + " §3.3.2.1", "VERSION 2", new PtIpc.VersionMessage("2"));
        yield return Row(Pt20 + " §3.3.2.1", Env, new PtIpc.EnvErrorMessage(EnvText));
        yield return Row(Pt20 + " §3.3.2.2", "PROXY DONE", new PtIpc.ProxyDoneMessage());
        yield return Row(Pt20 + " §3.3.2.2", ProxyError, new PtIpc.ProxyErrorMessage("SOCKS 4 upstream proxies unsupported."));
        yield return Row(Pt20 + " §3.3.2.2", "CMETHOD obfs4 socks5 127.0.0.1:19999",
            new PtIpc.CmethodMessage("obfs4", PtIpc.ClientProxyKind.Socks5, V4("127.0.0.1", 19999)));
        yield return Row(Pt20 + " §3.3.2.2", "CMETHOD meeklite transparent-TCP [::1]:19999",
            new PtIpc.CmethodMessage("meeklite", PtIpc.ClientProxyKind.TransparentTcp, V6("::1", 19999)));
        yield return Row(Pt20 + " §3.3.2.2", "CMETHOD shadow transparent-UDP [::1]:1234",
            new PtIpc.CmethodMessage("shadow", PtIpc.ClientProxyKind.TransparentUdp, V6("::1", 1234)));
        yield return Row(Pt20 + " §3.3.2.2", "CMETHOD obfs4 STUN 127.0.0.1:8888",
            new PtIpc.CmethodMessage("obfs4", PtIpc.ClientProxyKind.Stun, V4("127.0.0.1", 8888)));
        yield return Row(Pt20 + " §3.3.2.2", "CMETHOD-ERROR trebuchet no rocks available", new PtIpc.CmethodErrorMessage("trebuchet", "no rocks available"));
        yield return Row(Pt20 + " §3.3.2.2", "CMETHODS DONE", new PtIpc.CmethodsDoneMessage());
        yield return Row(Pt20 + " §3.3.2.3", "SMETHOD obfs2 198.51.100.1:19999", new PtIpc.SmethodMessage("obfs2", V4("198.51.100.1", 19999)));
        yield return Row(Pt20 + " §3.3.2.3", "SMETHOD obfs4 198.51.100.1:4444", new PtIpc.SmethodMessage("obfs4", V4("198.51.100.1", 4444)));
        // The `;` example: read by the text's rule, the `;` and the unescaped `=` stay in the value; writing escapes the `=`.
        yield return Row(Pt20 + " §3.3.2.3 (SMETHOD + ARGS joined)", $"SMETHOD obfs4 198.51.100.1:4444 ARGS:cert={Cert20};iatMode=0",
            new PtIpc.SmethodMessage("obfs4", V4("198.51.100.1", 4444), Pairs(("cert", Cert20 + ";iatMode=0"))),
            $"SMETHOD obfs4 198.51.100.1:4444 ARGS:cert={Cert20};iatMode\\=0");
        yield return Row(Pt20 + " §3.3.2.3", $"SMETHOD meeklite [{Meek}]:2323", new PtIpc.SmethodMessage("meeklite", V6(Meek, 2323)));
        yield return Row(Pt20 + " §3.3.2.3 (SMETHOD + ARGS joined)",
            $"SMETHOD meeklite [{Meek}]:2323 ARGS:url=https://meek-reflect.appspot.com/;front=www.google.com",
            new PtIpc.SmethodMessage("meeklite", V6(Meek, 2323), Pairs(("url", "https://meek-reflect.appspot.com/;front=www.google.com"))),
            $"SMETHOD meeklite [{Meek}]:2323 ARGS:url=https://meek-reflect.appspot.com/;front\\=www.google.com");
        yield return Row(Pt20 + " §3.3.2.3", "SMETHOD-ERROR trebuchet no cows available", new PtIpc.SmethodErrorMessage("trebuchet", "no cows available"));
        yield return Row(Pt20 + " §3.3.2.3", "SMETHODS DONE", new PtIpc.SmethodsDoneMessage());
        yield return Row(Pt20 + " Appendix A", "CMETHOD obfs3 socks5 127.0.0.1:32525",
            new PtIpc.CmethodMessage("obfs3", PtIpc.ClientProxyKind.Socks5, V4("127.0.0.1", 32525)));
        yield return Row(Pt20 + " Appendix A", "CMETHOD obfs4 socks5 127.0.0.1:37347",
            new PtIpc.CmethodMessage("obfs4", PtIpc.ClientProxyKind.Socks5, V4("127.0.0.1", 37347)));
        yield return Row(Pt20 + " Appendix A", "CMETHODS DONE", new PtIpc.CmethodsDoneMessage());
        yield return Row(Pt20 + " Appendix B", "VERSION 2", new PtIpc.VersionMessage("2"));
        yield return Row(Pt20 + " Appendix B", "SMETHOD obfs3 198.51.100.1:1984", new PtIpc.SmethodMessage("obfs3", V4("198.51.100.1", 1984)));
        yield return Row(Pt20 + " Appendix B (SMETHOD + ARGS joined)", $"SMETHOD obfs4 198.51.100.1:43734 ARGS:cert={CertB},iat-mode=0",
            new PtIpc.SmethodMessage("obfs4", V4("198.51.100.1", 43734), Pairs(("cert", CertB), ("iat-mode", "0"))));
        yield return Row(Pt20 + " Appendix B", "SMETHODS DONE", new PtIpc.SmethodsDoneMessage());

        // pt-2.2-dispatcher-ipc.md (§1.2.1-1.2.3, Appendices A and B)
        yield return Row(Pt22 + " §1.2.1", "VERSION-ERROR no-version", new PtIpc.VersionErrorMessage("no-version"));
        yield return Row(Pt22 + " §1.2.1", "VERSION 2.2", new PtIpc.VersionMessage("2.2"));
        yield return Row(Pt22 + " §1.2.1", Env, new PtIpc.EnvErrorMessage(EnvText));
        yield return Row(Pt22 + " §1.2.1", "LOG DEBUG This is an example debug log message.",
            new PtIpc.DispatcherLogMessage(PtIpc.LogLevel.Debug, "This is an example debug log message."));
        yield return Row(Pt22 + " §1.2.2", "PROXY DONE", new PtIpc.ProxyDoneMessage());
        yield return Row(Pt22 + " §1.2.2", ProxyError, new PtIpc.ProxyErrorMessage("SOCKS 4 upstream proxies unsupported."));
        yield return Row(Pt22 + " §1.2.2", "CMETHOD obfs4 socks5 127.0.0.1:19999",
            new PtIpc.CmethodMessage("obfs4", PtIpc.ClientProxyKind.Socks5, V4("127.0.0.1", 19999)));
        yield return Row(Pt22 + " §1.2.2", "CMETHOD meeklite transparent-TCP [::1]:19999",
            new PtIpc.CmethodMessage("meeklite", PtIpc.ClientProxyKind.TransparentTcp, V6("::1", 19999)));
        yield return Row(Pt22 + " §1.2.2", "CMETHOD shadow transparent-UDP [::1]:1234",
            new PtIpc.CmethodMessage("shadow", PtIpc.ClientProxyKind.TransparentUdp, V6("::1", 1234)));
        yield return Row(Pt22 + " §1.2.2", "CMETHOD obfs4 STUN 127.0.0.1:8888",
            new PtIpc.CmethodMessage("obfs4", PtIpc.ClientProxyKind.Stun, V4("127.0.0.1", 8888)));
        yield return Row(Pt22 + " §1.2.2", "CMETHOD-ERROR trebuchet no rocks available", new PtIpc.CmethodErrorMessage("trebuchet", "no rocks available"));
        yield return Row(Pt22 + " §1.2.2", "CMETHODS DONE", new PtIpc.CmethodsDoneMessage());
        yield return Row(Pt22 + " §1.2.3", "SMETHOD obfs2 198.51.100.1:19999", new PtIpc.SmethodMessage("obfs2", V4("198.51.100.1", 19999)));
        yield return Row(Pt22 + " §1.2.3", "SMETHOD obfs4 198.51.100.1:4444", new PtIpc.SmethodMessage("obfs4", V4("198.51.100.1", 4444)));
        yield return Row(Pt22 + " §1.2.3 (SMETHOD + ARGS joined)", $"SMETHOD obfs4 198.51.100.1:4444 ARGS:cert={Cert22};iatMode=0",
            new PtIpc.SmethodMessage("obfs4", V4("198.51.100.1", 4444), Pairs(("cert", Cert22 + ";iatMode=0"))),
            $"SMETHOD obfs4 198.51.100.1:4444 ARGS:cert={Cert22};iatMode\\=0");
        yield return Row(Pt22 + " §1.2.3", $"SMETHOD meeklite [{Meek}]:2323", new PtIpc.SmethodMessage("meeklite", V6(Meek, 2323)));
        yield return Row(Pt22 + " §1.2.3 (SMETHOD + ARGS joined)",
            $"SMETHOD meeklite [{Meek}]:2323 ARGS:url=https://meek-reflect.appspot.com/;front=www.google.com",
            new PtIpc.SmethodMessage("meeklite", V6(Meek, 2323), Pairs(("url", "https://meek-reflect.appspot.com/;front=www.google.com"))),
            $"SMETHOD meeklite [{Meek}]:2323 ARGS:url=https://meek-reflect.appspot.com/;front\\=www.google.com");
        yield return Row(Pt22 + " §1.2.3", "SMETHOD-ERROR trebuchet no cows available", new PtIpc.SmethodErrorMessage("trebuchet", "no cows available"));
        yield return Row(Pt22 + " §1.2.3", "SMETHODS DONE", new PtIpc.SmethodsDoneMessage());
        yield return Row(Pt22 + " Appendix A", "CMETHOD shadow socks5 127.0.0.1:32525",
            new PtIpc.CmethodMessage("shadow", PtIpc.ClientProxyKind.Socks5, V4("127.0.0.1", 32525)));
        yield return Row(Pt22 + " Appendix A", "CMETHOD obfs4 socks5 127.0.0.1:37347",
            new PtIpc.CmethodMessage("obfs4", PtIpc.ClientProxyKind.Socks5, V4("127.0.0.1", 37347)));
        yield return Row(Pt22 + " Appendix A", "CMETHODS DONE", new PtIpc.CmethodsDoneMessage());
        yield return Row(Pt22 + " Appendix B", "VERSION 2", new PtIpc.VersionMessage("2"));
        yield return Row(Pt22 + " Appendix B", "SMETHOD shadow 198.51.100.1:1984", new PtIpc.SmethodMessage("shadow", V4("198.51.100.1", 1984)));
        yield return Row(Pt22 + " Appendix B (SMETHOD + ARGS joined)", $"SMETHOD obfs4 198.51.100.1:43734 ARGS:cert={CertB},iat-mode=0",
            new PtIpc.SmethodMessage("obfs4", V4("198.51.100.1", 43734), Pairs(("cert", CertB), ("iat-mode", "0"))));
        yield return Row(Pt22 + " Appendix B", "SMETHODS DONE", new PtIpc.SmethodsDoneMessage());

        // pt-proposal-0004-event-messages.md (§3.3.4.1)
        yield return Row(P0004 + " §3.3.4.1", "EVENT CONNECTION obfs4 198.51.100.1 19999",
            new PtIpc.ConnectionEventMessage("obfs4", "198.51.100.1", 19999));
        yield return Row(P0004 + " §3.3.4.1", "EVENT CONNECTION-ERROR obfs3 CONNECTION_TIMEOUT Connection timeout after 30 sec",
            new PtIpc.ConnectionErrorEventMessage("obfs3", PtIpc.ConnectionErrorType.Timeout, "Connection timeout after 30 sec"));
        yield return Row(P0004 + " §3.3.4.1", "EVENT CONNECTION-ERROR obfs4 CONNECTION_IOERROR Connection was reset",
            new PtIpc.ConnectionErrorEventMessage("obfs4", PtIpc.ConnectionErrorType.IoError, "Connection was reset"));
        yield return Row(P0004 + " §3.3.4.1", "EVENT CONNECTION-ERROR obfs4 CONNECTION_REFUSED",
            new PtIpc.ConnectionErrorEventMessage("obfs4", PtIpc.ConnectionErrorType.Refused));
        // The text names CONNECTION-SUCCESS, the example CONNECTION-DONE: both are read, CONNECTION-SUCCESS is written.
        yield return Row(P0004 + " §3.3.4.1", "EVENT CONNECTION-DONE obfs4",
            new PtIpc.ConnectionSuccessEventMessage("obfs4"), "EVENT CONNECTION-SUCCESS obfs4");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Document_example_parses_to_its_fields_and_round_trips(string document, string line, IPtMessage expected, string? reformatted)
    {
        var kind = IpcParsers.KindOf(expected);
        foreach (var ending in new[] { "", "\n", "\r\n" })
        {
            var bytes = LineText.Utf8(line + ending);

            var (outcome, recorder) = OwnedRecorder.Run(bytes);
            Assert.True(outcome.IsMessage, $"{document}: {outcome.Kind} {outcome.Error}");
            Assert.Equal(kind, outcome.Kind);
            Assert.Equal(1, recorder.Calls);
            Assert.Equal(kind, recorder.MessageKind);
            Assert.True(IpcParsers.TryParseView(kind, bytes, out _));

            var owned = PtIpc.ParseOwned(bytes, out var message);
            Assert.Equal(outcome, owned);
            Assert.Equal(FieldDump.Of(expected), FieldDump.Of(message!));
            Assert.Equal(expected, message);
            Assert.Equal(expected, recorder.Message);

            var formatted = message!.FormatLine();
            Assert.Equal(reformatted ?? line, formatted);
            var again = PtIpc.ParseOwned(LineText.Utf8(formatted), out var back);
            Assert.Equal(kind, again.Kind);
            Assert.Equal(message, back);
        }
    }

    [Theory]
    [InlineData(Pt20 + " Appendix A")]
    [InlineData(Pt22 + " Appendix A")]
    public void Appendix_typo_with_two_messages_on_one_line_is_an_invalid_VERSION(string document)
    {
        // The spec header decides: `VERSION 2 PROXY DONE` is a VERSION whose version is followed by more text.
        var (outcome, recorder) = OwnedRecorder.Run(LineText.Utf8("VERSION 2 PROXY DONE\n"));

        Assert.True(outcome.IsInvalid, document);
        Assert.Equal(Kind.Version, outcome.Kind);
        Assert.Equal(new PtParseError(9, PtErrorReason.ExpectedEnd, null), outcome.Error);
        Assert.True(recorder.Invalid);
        Assert.Equal(Kind.Version, recorder.InvalidKind);
        var owned = PtIpc.ParseOwned(LineText.Utf8("VERSION 2 PROXY DONE"), out var message);
        Assert.Equal(outcome, owned);
        Assert.Null(message);
    }

    [Fact]
    public void Cmethod_view_of_a_document_example_holds_the_IPv6_host_without_brackets()
    {
        Assert.True(PtIpc.CmethodView.TryParse("CMETHOD meeklite transparent-TCP [::1]:19999\n"u8, out var view, out var error), error.ToString());

        Assert.Equal("meeklite"u8.ToArray(), view.Transport.ToArray());
        Assert.Equal(PtIpc.ClientProxyKind.TransparentTcp, view.Method);
        Assert.Equal("transparent-TCP"u8.ToArray(), view.MethodText.ToArray());
        Assert.Equal("::1"u8.ToArray(), view.Address.Host.ToArray());
        Assert.Equal(PtHostKind.IPv6, view.Address.Kind);
        Assert.Equal(19999, view.Address.Port);
        Assert.Equal("CMETHOD meeklite transparent-TCP [::1]:19999"u8.ToArray(), view.Line.ToArray());
    }

    [Fact]
    public void Smethod_view_of_a_document_example_keeps_ARGS_escaped_until_asked()
    {
        var line = LineText.Utf8($"SMETHOD obfs4 198.51.100.1:43734 ARGS:cert={CertB},iat-mode=0 extra options");
        Assert.True(PtIpc.SmethodView.TryParse(line, out var view, out var error), error.ToString());

        Assert.True(view.HasArgs);
        Assert.Equal(LineText.Utf8($"cert={CertB},iat-mode=0"), view.Args.Raw.ToArray());
        var keys = new List<string>();
        foreach (var pair in view.Args) keys.Add(System.Text.Encoding.ASCII.GetString(pair.Key) + "=" + System.Text.Encoding.ASCII.GetString(pair.Value));
        Assert.Equal(new[] { "cert=" + CertB, "iat-mode=0" }, keys);
        Assert.True(view.HasOptions);
        Assert.Equal("extra options"u8.ToArray(), view.Options.ToArray());
    }

    [Fact]
    public void Log_view_of_a_document_example_keeps_the_quoted_string_raw()
    {
        Assert.True(PtIpc.LogView.TryParse("LOG SEVERITY=debug MESSAGE=\"Connected to bridge A\""u8, out var view, out var error), error.ToString());

        Assert.Equal(PtIpc.LogSeverity.Debug, view.Severity);
        Assert.True(view.Message.IsQuoted);
        Assert.Equal("Connected to bridge A"u8.ToArray(), view.Message.Raw.ToArray());
        Assert.Equal("Connected to bridge A", view.Message.ToString());
    }
}
