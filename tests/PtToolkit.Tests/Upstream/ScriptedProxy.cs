using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Text;

namespace PtToolkit.Tests.Upstream;

/// <summary>
/// A proxy on 127.0.0.1 that reads the client's first bytes, answers each connection with fixed bytes and then
/// ends its side (reading until the client closes), or stays silent until disposed (<c>stall</c>). It never connects anywhere.
/// </summary>
internal sealed class ScriptedProxy : LoopbackServer
{
    private readonly byte[] _reply;
    private readonly bool _stall;
    private int _connections;

    public ScriptedProxy(byte[] reply, bool stall = false)
    {
        _reply = reply;
        _stall = stall;
        Start();
    }

    /// <summary>How many connections came.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>This proxy as TOR_PT_PROXY would name it.</summary>
    public PtProxy As(PtProxyScheme scheme, string? user = null, string? password = null) =>
        new(scheme, PtEndpoint.IPv4("127.0.0.1", (ushort)Endpoint.Port), user, password);

    protected override async Task ServeAsync(Socket socket)
    {
        Interlocked.Increment(ref _connections);
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            byte[] buffer = new byte[4096];
            if (await stream.ReadAsync(buffer, Stopping) == 0) return;
            await stream.WriteAsync(_reply, Stopping);
            if (_stall) await Task.Delay(Timeout.Infinite, Stopping);
            // A clean end: what the client still sends is read, so that closing sends no reset over the reply.
            socket.Shutdown(SocketShutdown.Send);
            while (await stream.ReadAsync(buffer, Stopping) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The test is over, or the client went away.
        }
    }
}
