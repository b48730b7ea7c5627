using System;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace PtToolkit.Tests.Fuzz;

/// <summary>How <see cref="BrokenSocksServer"/> gets SOCKS 5 wrong.</summary>
public enum SocksBreakage
{
    /// <summary>Answers the greeting with VER 4.</summary>
    WrongReplyVersion,
    /// <summary>Reads and never answers.</summary>
    Hangs,
    /// <summary>Closes every connection at once.</summary>
    ClosesEarly,
    /// <summary>Answers every request X'00' with RSV 1, whatever it asked.</summary>
    AcceptsEverything,
    /// <summary>A correct runtime server for the first connections, then none: every later connection is closed at once.</summary>
    DiesAfterTen,
}

/// <summary>A deliberately broken SOCKS 5 server on 127.0.0.1 for the fuzzer to catch.</summary>
internal sealed class BrokenSocksServer : LoopbackServer
{
    private readonly SocksBreakage _breakage;
    private readonly RuntimeSocksServer? _healthy;
    private int _connections;

    public BrokenSocksServer(SocksBreakage breakage)
    {
        _breakage = breakage;
        if (breakage == SocksBreakage.DiesAfterTen) _healthy = new RuntimeSocksServer();
        Start();
    }

    protected override async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                await ServeBrokenAsync(socket);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // Stopping, or the client went away.
            }
        }
    }

    private async Task ServeBrokenAsync(Socket socket)
    {
        byte[] buffer = new byte[1024];
        switch (_breakage)
        {
            case SocksBreakage.WrongReplyVersion:
                if (await socket.ReceiveAsync(buffer, Stopping) > 0) await socket.SendAsync(new byte[] { 4, 0 }, Stopping);
                while (await socket.ReceiveAsync(buffer, Stopping) > 0)
                {
                }
                return;
            case SocksBreakage.Hangs:
                while (await socket.ReceiveAsync(buffer, Stopping) > 0)
                {
                }
                return;
            case SocksBreakage.ClosesEarly:
                return;
            case SocksBreakage.AcceptsEverything:
                if (await socket.ReceiveAsync(buffer, Stopping) == 0) return;
                await socket.SendAsync(new byte[] { 5, buffer[1] > 0 ? buffer[2] : (byte)0 }, Stopping);
                while (await socket.ReceiveAsync(buffer, Stopping) > 0)
                {
                    await socket.SendAsync(buffer[0] == 1 ? new byte[] { 1, 0 } : new byte[] { 5, 0, 1, 1, 0, 0, 0, 0, 0, 0 }, Stopping);
                }
                return;
            default:
                if (System.Threading.Interlocked.Increment(ref _connections) > 10) return;
                using (var relay = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
                {
                    await relay.ConnectAsync(_healthy!.Endpoint, Stopping);
                    await Task.WhenAny(Pump(socket, relay), Pump(relay, socket));
                }
                return;
        }
    }

    private async Task Pump(Socket from, Socket to)
    {
        byte[] buffer = new byte[1024];
        try
        {
            int n;
            while ((n = await from.ReceiveAsync(buffer, Stopping)) > 0) await to.SendAsync(buffer.AsMemory(0, n), Stopping);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Either side is gone: the relay ends.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_healthy is not null) await _healthy.DisposeAsync();
    }
}
