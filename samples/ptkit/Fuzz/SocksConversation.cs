using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Testing.Socks;

namespace PtToolkit.Cli.Fuzz;

/// <summary>What one conversation showed: how it ended, the REP code of a reply, the server's bytes in short, and what was malformed.</summary>
internal sealed record SocksObservation(PtSocksEnd End, byte Code, string Answer, IReadOnlyList<string> Problems);

/// <summary>
/// Plays one <see cref="PtSocksCase"/> against a SOCKS 5 server over TCP, as a client that follows the server's choice
/// of method, and checks every answer's form: a method selection is VER 5 and a method offered or X'FF' (RFC 1928 §3);
/// an RFC 1929 reply is VER 1 and a STATUS; a reply is VER 5, a known REP, RSV 0, ATYP 1, 3 or 4 with its address
/// (RFC 1928 §6). After a failure reply or a failure STATUS the server must close (RFC 1928 §6, RFC 1929 §2); no bytes
/// may follow. Reads take at most the longest reply (262 bytes) and each waits at most the timeout.
/// </summary>
internal sealed class SocksConversation : IDisposable
{
    private const int LongestReply = 4 + 1 + 255 + 2;

    private readonly Socket _socket;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _cancel;
    private readonly List<string> _answer = new();
    private readonly List<string> _problems = new();
    private readonly byte[] _buffer = new byte[LongestReply];
    private bool _shut;

    private SocksConversation(Socket socket, TimeSpan timeout, CancellationToken cancel)
    {
        _socket = socket;
        _timeout = timeout;
        _cancel = cancel;
    }

    /// <summary>
    /// Connects to <paramref name="server"/> and plays <paramref name="socksCase"/>. With <paramref name="echo"/>, a
    /// CONNECT that succeeds must carry bytes to the target and back (the target echoes).
    /// </summary>
    public static async Task<SocksObservation> PlayAsync(EndPoint server, PtSocksCase socksCase, TimeSpan timeout, bool echo, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily == AddressFamily.InterNetworkV6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
        };
        using var conversation = new SocksConversation(socket, timeout, cancellationToken);
        try
        {
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connecting.CancelAfter(timeout);
            await socket.ConnectAsync(server, connecting.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new SocksObservation(PtSocksEnd.None, 0, "", [$"cannot connect to the SOCKS port: {(e is SocketException s ? s.SocketErrorCode.ToString() : "timeout")}"]);
        }
        var (end, code) = await conversation.RunAsync(socksCase, echo).ConfigureAwait(false);
        return new SocksObservation(end, code, string.Join(' ', conversation._answer), conversation._problems);
    }

    public void Dispose() => _socket.Dispose();

    private async Task<(PtSocksEnd, byte)> RunAsync(PtSocksCase c, bool echo)
    {
        byte[] offered = c.Offered.ToArray();
        await SendAsync(c.Greeting).ConfigureAwait(false);
        if (c.UserPassword is null && c.ParameterBlock is null && c.Request is null) ShutIf(c);

        var (got, selection) = await ReadAsync(2, "method selection").ConfigureAwait(false);
        if (got is not PtSocksEnd.None) return (got, 0);
        if (selection[0] != 5) return Malformed($"method selection VER {Hex(selection[0])}, not 05");
        byte method = selection[1];
        if (method == 0xFF) return (PtSocksEnd.MethodRefused, 0);
        if (!offered.Contains(method)) return Malformed($"picked method {Hex(method)}, which was not offered");
        if (method is not (0 or 2 or 9)) return Malformed($"picked method {Hex(method)}");

        if (method == 2)
        {
            if (c.UserPassword is null && !c.CloseAfterSending) return (PtSocksEnd.Selected, 0);
            if (c.UserPassword is not null) await SendAsync(c.UserPassword).ConfigureAwait(false);
            if (c.Request is null) ShutIf(c);
            var (gotStatus, status) = await ReadAsync(2, "RFC 1929 reply").ConfigureAwait(false);
            if (gotStatus is not PtSocksEnd.None) return (gotStatus, 0);
            if (status[0] != 1) return Malformed($"RFC 1929 reply VER {Hex(status[0])}, not 01");
            if (status[1] != 0)
            {
                await ExpectCloseAsync("a failure STATUS (RFC 1929 §2: the server MUST close)").ConfigureAwait(false);
                return (PtSocksEnd.AuthRefused, status[1]);
            }
            if ((c.UserPassword is null || c.Request is null) && !c.CloseAfterSending) return (PtSocksEnd.Accepted, 0);
        }
        else if (method == 9)
        {
            if (c.ParameterBlock is null && !c.CloseAfterSending) return (PtSocksEnd.Selected, 0);
            if (c.ParameterBlock is not null) await SendAsync([.. c.ParameterBlock, .. c.Request ?? []]).ConfigureAwait(false);
        }
        else if (c.Request is null && !c.CloseAfterSending)
        {
            return (PtSocksEnd.Selected, 0);
        }
        if (method != 9 && c.Request is not null) await SendAsync(c.Request).ConfigureAwait(false);
        ShutIf(c);
        return await ReplyAsync(method, c.Request is not null && c.Request.Length > 1 && c.Request[1] == 1 && echo && (c.Family == PtSocksFamily.Valid || c.Kind == PtSocksCaseKind.ArgumentLength)).ConfigureAwait(false);
    }

    // RFC 1928 §6: VER | REP | RSV | ATYP | BND.ADDR | BND.PORT.
    private async Task<(PtSocksEnd, byte)> ReplyAsync(byte method, bool echo)
    {
        var (got, head) = await ReadAsync(4, "reply").ConfigureAwait(false);
        if (got is not PtSocksEnd.None) return (got, 0);
        byte version = head[0], code = head[1], reserved = head[2], type = head[3];
        if (version != 5) return Malformed($"reply VER {Hex(version)}, not 05");
        bool known = code <= 8 || (method == 9 && code is >= 0x10 and <= 0x13);
        if (!known) return Malformed($"reply REP {Hex(code)} is no code of RFC 1928 §6" + (method == 9 ? " or pt-2.2 §1.4" : " (X'10'-X'13' belong to method X'09')"));
        if (reserved != 0) return Malformed($"reply RSV {Hex(reserved)}, not 00");
        int length;
        switch (type)
        {
            case 1: length = 4 + 2; break;
            case 4: length = 16 + 2; break;
            case 3:
                var (gotLength, size) = await ReadAsync(1, "reply BND.ADDR length").ConfigureAwait(false);
                if (gotLength is not PtSocksEnd.None) return Malformed("reply cut after ATYP 03");
                if (size[0] == 0) return Malformed("reply BND.ADDR is a domain name of length 0");
                length = size[0] + 2;
                break;
            default:
                return Malformed($"reply ATYP {Hex(type)}, not 01, 03 or 04");
        }
        var (gotAddress, _) = await ReadAsync(length, "reply BND.ADDR and BND.PORT").ConfigureAwait(false);
        if (gotAddress is not PtSocksEnd.None) return Malformed("reply cut inside BND.ADDR or BND.PORT");
        if (code != 0) await ExpectCloseAsync("a failure reply (RFC 1928 §6: the server MUST close)").ConfigureAwait(false);
        else if (echo) await EchoAsync().ConfigureAwait(false);
        return (PtSocksEnd.Reply, code);
    }

    private async Task EchoAsync()
    {
        byte[] probe = System.Text.Encoding.ASCII.GetBytes("ptkit fuzz socks " + Environment.TickCount64.ToString(CultureInfo.InvariantCulture));
        await SendAsync(probe).ConfigureAwait(false);
        var (got, back) = await ReadAsync(probe.Length, "echo").ConfigureAwait(false);
        if (got is not PtSocksEnd.None || !back.AsSpan().SequenceEqual(probe)) _problems.Add("bytes sent after the success reply did not come back from the echo target");
    }

    private async Task ExpectCloseAsync(string after)
    {
        var (end, extra) = await ReadAsync(1, "close").ConfigureAwait(false);
        if (end == PtSocksEnd.Silence) _problems.Add($"did not close within the timeout after {after}");
        else if (end == PtSocksEnd.None) _problems.Add($"sent {Hex(extra[0])}... after {after}");
    }

    private (PtSocksEnd, byte) Malformed(string problem)
    {
        _problems.Add(problem);
        return (PtSocksEnd.None, 0);
    }

    private void ShutIf(PtSocksCase c)
    {
        if (!c.CloseAfterSending || _shut) return;
        _shut = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already reset by the server: the next read says so.
        }
    }

    private async Task SendAsync(byte[] bytes)
    {
        try
        {
            using var sending = CancellationTokenSource.CreateLinkedTokenSource(_cancel);
            sending.CancelAfter(_timeout);
            await _socket.SendAsync(bytes, SocketFlags.None, sending.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !_cancel.IsCancellationRequested)
        {
            // The server closed or stopped reading; the next read shows how the conversation ended.
        }
    }

    /// <summary>
    /// Reads exactly <paramref name="count"/> bytes (at most <see cref="LongestReply"/>): <see cref="PtSocksEnd.None"/>
    /// and the bytes, or <see cref="PtSocksEnd.Closed"/> / <see cref="PtSocksEnd.Silence"/> (a part already read is a problem).
    /// </summary>
    private async Task<(PtSocksEnd, byte[])> ReadAsync(int count, string what)
    {
        int have = 0;
        PtSocksEnd end = PtSocksEnd.None;
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(_cancel);
        reading.CancelAfter(_timeout);
        try
        {
            while (have < count)
            {
                int n = await _socket.ReceiveAsync(_buffer.AsMemory(have, count - have), SocketFlags.None, reading.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    end = PtSocksEnd.Closed;
                    break;
                }
                have += n;
            }
        }
        catch (SocketException)
        {
            end = PtSocksEnd.Closed;
        }
        catch (OperationCanceledException) when (!_cancel.IsCancellationRequested)
        {
            end = PtSocksEnd.Silence;
        }
        byte[] bytes = _buffer.AsSpan(0, have).ToArray();
        if (have > 0) _answer.Add(Convert.ToHexString(bytes).ToLowerInvariant());
        if (end != PtSocksEnd.None && have > 0 && what != "close") _problems.Add($"{what} cut after {have} of {count} bytes");
        return (end, bytes);
    }

    private static string Hex(byte b) => b.ToString("X2", CultureInfo.InvariantCulture);
}
