using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Hosting;
using PtToolkit.Ipc;
using PtToolkit.Tests.Hosting;
using Xunit;

namespace PtToolkit.Tests.Socks;

/// <summary>
/// The sample transport's client side run in process by <see cref="PtHost"/> (through <see cref="TorRecordingTransport"/>,
/// so every connection's arguments are recorded), an echo server on 127.0.0.1 as the bridge its connections go to, and
/// raw TCP clients for the CMETHOD address: what a hostile SOCKS client meets.
/// </summary>
internal sealed class HostileClientHost : IAsyncDisposable
{
    private HostileClientHost(EchoServer bridge, TorRecordingTransport transport, InProcessHost host, IPEndPoint socks)
    {
        Bridge = bridge;
        Transport = transport;
        Host = host;
        Socks = socks;
    }

    /// <summary>Where connections that pass the handshake go.</summary>
    public EchoServer Bridge { get; }

    /// <summary>The transport, with the arguments it saw.</summary>
    public TorRecordingTransport Transport { get; }

    /// <summary>The host.</summary>
    public InProcessHost Host { get; }

    /// <summary>The CMETHOD address.</summary>
    public IPEndPoint Socks { get; }

    /// <summary>Starts the bridge and the host (with <paramref name="options"/>) and reads its CMETHOD.</summary>
    public static async Task<HostileClientHost> StartAsync(PtHostOptions? options = null)
    {
        var bridge = new EchoServer();
        var transport = new TorRecordingTransport();
        var host = InProcessHost.Client(InProcessHost.ClientEnvironment(), transport, options);
        var lines = await host.LinesThroughAsync("CMETHODS DONE");
        var cmethod = Assert.IsType<PtIpc.CmethodMessage>(HostPair.Owned(lines.Single(l => l.StartsWith("CMETHOD ", StringComparison.Ordinal))));
        return new HostileClientHost(bridge, transport, host, HostPair.ToIp(cmethod.Address));
    }

    /// <summary>A raw TCP connection to the SOCKS listener (Nagle off, so that each write leaves at once).</summary>
    public async Task<NetworkStream> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(Socks).WaitAsync(InProcessHost.Timeout);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>A CONNECT request for the bridge (RFC 1928 §4, ATYP IPv4).</summary>
    public byte[] Request() => Wire.Cat(Wire.Hex("05 01 00 01"), Bridge.Endpoint.Address.GetAddressBytes(), [(byte)(Bridge.Endpoint.Port >> 8), (byte)Bridge.Endpoint.Port]);

    /// <summary>
    /// Arguments packed into RFC 1929 as tor packs them (tor's connection_read_proxy_handshake): up to 255 bytes in UNAME
    /// with a one-byte NUL PASSWD, else the first 255 bytes in UNAME and the rest in PASSWD.
    /// </summary>
    public static byte[] TorPacked(byte[] arguments) => arguments.Length <= 255
        ? Wire.UserPassword(arguments, [0])
        : Wire.UserPassword(arguments[..255], arguments[255..]);

    /// <summary>Everything the host sends until it closes the connection (a reset counts as the close).</summary>
    public static async Task<byte[]> AnswerAsync(Stream stream)
    {
        var answer = new MemoryStream();
        byte[] buffer = new byte[1024];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer).AsTask().WaitAsync(InProcessHost.Timeout)) > 0) answer.Write(buffer, 0, n);
        }
        catch (IOException)
        {
            // Reset: the host closed with bytes of ours unread.
        }
        return answer.ToArray();
    }

    /// <summary>The host's LOG lines so far (reading them consumes them).</summary>
    public List<string> LogLines() => Host.RemainingLines().FindAll(l => l.StartsWith("LOG ", StringComparison.Ordinal));

    /// <summary>The number of open file descriptors of this process.</summary>
    public static int OpenDescriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Bridge.DisposeAsync();
    }
}
