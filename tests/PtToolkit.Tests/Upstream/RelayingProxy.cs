using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Relay;
using PtToolkit.Text;

namespace PtToolkit.Tests.Upstream;

/// <summary>
/// A working upstream proxy on 127.0.0.1, written here from the RFCs (not with the runtime's code): SOCKS 4a,
/// SOCKS 5 (RFC 1929 when it has a password) or HTTP CONNECT (Basic when it has a user). It records each target,
/// connects to it, can read the target's first bytes and send them in the same write as its success reply (so a
/// client that reads past the reply would lose them), then relays. Wrong credentials get the protocol's refusal.
/// </summary>
internal sealed class RelayingProxy : LoopbackServer
{
    private readonly PtProxyScheme _scheme;
    private readonly string? _user;
    private readonly string? _password;
    private readonly List<string> _targets = new();
    private readonly List<string> _requests = new();

    private readonly int _firstBytes;

    /// <summary>A proxy that forwards <paramref name="firstBytes"/> of the target's bytes with its reply (0: none).</summary>
    public RelayingProxy(PtProxyScheme scheme, string? user = null, string? password = null, int firstBytes = 0)
    {
        _scheme = scheme;
        _firstBytes = firstBytes;
        _user = user;
        _password = password;
        Start();
    }

    /// <summary>The targets connected to, as <c>host:port</c>.</summary>
    public IReadOnlyList<string> Targets
    {
        get { lock (_targets) return _targets.ToList(); }
    }

    /// <summary>The HTTP request heads received (SOCKS: nothing).</summary>
    public IReadOnlyList<string> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    /// <summary>This proxy as TOR_PT_PROXY names it, with the given credentials.</summary>
    public PtProxy As(string? user = null, string? password = null) => new(_scheme, PtEndpoint.IPv4("127.0.0.1", (ushort)Endpoint.Port), user, password);

    protected override async Task ServeAsync(Socket socket)
    {
        await using var client = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var (host, port) = _scheme switch
            {
                PtProxyScheme.Socks4a => await Socks4aAsync(client),
                PtProxyScheme.Socks5 => await Socks5Async(client),
                _ => await HttpAsync(client),
            };
            if (host is null) return;
            lock (_targets) _targets.Add($"{host}:{port}");
            using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await upstream.ConnectAsync(host, port, Stopping);
            await using var target = new NetworkStream(upstream, ownsSocket: false);
            byte[] first = new byte[_firstBytes];
            await target.ReadExactlyAsync(first, Stopping);
            byte[] success = _scheme switch
            {
                PtProxyScheme.Socks4a => [0, 90, 0, 0, 0, 0, 0, 0],
                PtProxyScheme.Socks5 => [5, 0, 0, 1, 0, 0, 0, 0, 0, 0],
                _ => "HTTP/1.1 200 Connection established\r\nVia: test\r\n\r\n"u8.ToArray(),
            };
            await client.WriteAsync(success.Concat(first).ToArray(), Stopping);
            await StreamRelay.RunAsync(client, target, null, Stopping);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or EndOfStreamException)
        {
            // The test is over, or a side went away.
        }
    }

    // VN CD DSTPORT DSTIP USERID NUL [NAME NUL]
    private async Task<(string?, int)> Socks4aAsync(Stream client)
    {
        byte[] head = new byte[8];
        await client.ReadExactlyAsync(head, Stopping);
        string user = await ReadNulEndedAsync(client);
        int port = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(2));
        string host = head[4] == 0 && head[5] == 0 && head[6] == 0 && head[7] != 0 ? await ReadNulEndedAsync(client) : new IPAddress(head.AsSpan(4, 4)).ToString();
        if (head[0] != 4 || head[1] != 1 || !Same(user, _user ?? ""))
        {
            await client.WriteAsync(new byte[] { 0, 93, 0, 0, 0, 0, 0, 0 }, Stopping);
            return (null, 0);
        }
        return (host, port);
    }

    private async Task<(string?, int)> Socks5Async(Stream client)
    {
        byte[] greeting = new byte[2];
        await client.ReadExactlyAsync(greeting, Stopping);
        byte[] methods = new byte[greeting[1]];
        await client.ReadExactlyAsync(methods, Stopping);
        byte wanted = _password is null ? (byte)0 : (byte)2;
        if (!methods.Contains(wanted))
        {
            await client.WriteAsync(new byte[] { 5, 0xFF }, Stopping);
            return (null, 0);
        }
        await client.WriteAsync(new byte[] { 5, wanted }, Stopping);
        if (wanted == 2)
        {
            byte[] version = new byte[2];
            await client.ReadExactlyAsync(version, Stopping);
            byte[] user = new byte[version[1]];
            await client.ReadExactlyAsync(user, Stopping);
            byte[] length = new byte[1];
            await client.ReadExactlyAsync(length, Stopping);
            byte[] password = new byte[length[0]];
            await client.ReadExactlyAsync(password, Stopping);
            bool ok = Same(Encoding.UTF8.GetString(user), _user!) & Same(Encoding.UTF8.GetString(password), _password);
            await client.WriteAsync(new byte[] { 1, ok ? (byte)0 : (byte)1 }, Stopping);
            if (!ok) return (null, 0);
        }
        byte[] request = new byte[4];
        await client.ReadExactlyAsync(request, Stopping);
        string host;
        if (request[3] == 3)
        {
            byte[] length = new byte[1];
            await client.ReadExactlyAsync(length, Stopping);
            byte[] name = new byte[length[0]];
            await client.ReadExactlyAsync(name, Stopping);
            host = Encoding.ASCII.GetString(name);
        }
        else
        {
            byte[] address = new byte[request[3] == 1 ? 4 : 16];
            await client.ReadExactlyAsync(address, Stopping);
            host = new IPAddress(address).ToString();
        }
        byte[] port = new byte[2];
        await client.ReadExactlyAsync(port, Stopping);
        return (host, BinaryPrimitives.ReadUInt16BigEndian(port));
    }

    private async Task<(string?, int)> HttpAsync(Stream client)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await client.ReadExactlyAsync(one, Stopping);
            head.Append((char)one[0]);
        }
        string text = head.ToString();
        lock (_requests) _requests.Add(text);
        string[] lines = text.Split("\r\n");
        string authority = lines[0].Split(' ')[1];
        string? credentials = lines.FirstOrDefault(l => l.StartsWith("Proxy-Authorization: Basic ", StringComparison.Ordinal))?["Proxy-Authorization: Basic ".Length..];
        string expected = _user is null ? "" : Convert.ToBase64String(Encoding.UTF8.GetBytes(_user + ":" + _password));
        if (_user is not null && !Same(credentials ?? "", expected))
        {
            await client.WriteAsync("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n\r\n"u8.ToArray(), Stopping);
            return (null, 0);
        }
        int colon = authority.LastIndexOf(':');
        return (authority[..colon].Trim('[', ']'), int.Parse(authority[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<string> ReadNulEndedAsync(Stream client)
    {
        var bytes = new List<byte>();
        byte[] one = new byte[1];
        while (true)
        {
            await client.ReadExactlyAsync(one, Stopping);
            if (one[0] == 0) return Encoding.UTF8.GetString(bytes.ToArray());
            bytes.Add(one[0]);
        }
    }

    private static bool Same(string a, string? b) =>
        b is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
