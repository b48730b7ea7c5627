using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Hosting;

/// <summary>
/// One transport's listening socket and its accept loop: each accepted connection takes a slot of
/// <see cref="PtConnections"/> (or is closed at once when none is free) and is served on its own task.
/// </summary>
internal sealed class PtListener : IDisposable
{
    private const int Backlog = 128;
    private readonly Socket _socket;

    private PtListener(string transport, Socket socket, PtEndpoint endpoint)
    {
        Transport = transport;
        _socket = socket;
        Endpoint = endpoint;
    }

    /// <summary>The transport this listener serves.</summary>
    public string Transport { get; }

    /// <summary>Where it listens (the port the system chose when 0 was asked for).</summary>
    public PtEndpoint Endpoint { get; }

    /// <summary>Binds and listens on <paramref name="at"/>; null and the socket error when that fails.</summary>
    public static PtListener? TryListen(string transport, PtEndpoint at, out SocketError error)
    {
        error = SocketError.Success;
        if (!IPAddress.TryParse(at.Host, out var address))
        {
            error = SocketError.AddressNotAvailable;
            return null;
        }
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, at.Port));
            socket.Listen(Backlog);
            var bound = (IPEndPoint)socket.LocalEndPoint!;
            var kind = bound.AddressFamily == AddressFamily.InterNetworkV6 ? PtHostKind.IPv6 : PtHostKind.IPv4;
            return new PtListener(transport, socket, new PtEndpoint(bound.Address.ToString(), kind, (ushort)bound.Port));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            error = e.SocketErrorCode;
            return null;
        }
    }

    /// <summary>
    /// Accepts until <paramref name="stopping"/> or <see cref="Dispose"/>, handing each connection that gets a slot to
    /// <paramref name="serve"/>, which owns the socket and must not throw. Ends, after a LOG line, on a failure that is
    /// not a passing socket error.
    /// </summary>
    public async Task AcceptAsync(PtConnections connections, Func<Socket, Task> serve, PtIpcWriter ipc, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of descriptors, or a connection aborted before it was accepted: wait a little and go on.
                ipc.Log(PtIpc.LogSeverity.Warning, $"{Transport}: accept failed: {e.SocketErrorCode}");
                await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            catch (Exception e)
            {
                ipc.Log(PtIpc.LogSeverity.Error, $"{Transport}: the listener failed: {PtHostRun.Describe(e)}");
                return;
            }
            if (!connections.TryEnter())
            {
                client.Dispose();
                continue;
            }
            client.NoDelay = true;
            _ = Task.Run(() => ServeAsync(client, connections, serve), CancellationToken.None);
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _socket.Dispose();

    private static async Task ServeAsync(Socket client, PtConnections connections, Func<Socket, Task> serve)
    {
        try
        {
            await serve(client).ConfigureAwait(false);
        }
        finally
        {
            connections.Exit();
        }
    }
}
