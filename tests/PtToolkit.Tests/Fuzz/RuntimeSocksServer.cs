using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Socks;

namespace PtToolkit.Tests.Fuzz;

/// <summary>
/// The runtime's SOCKS server as a PT's client side serves it: <see cref="PtSocksServer.HandshakeAsync"/>, a connection
/// to the target (5 s at most), the reply <see cref="PtSocksServer.ReplyFor"/> gives, and on success a relay until either side closes.
/// </summary>
internal sealed class RuntimeSocksServer : LoopbackServer
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly PtSocksServerOptions _options;

    public RuntimeSocksServer(PtSocksServerOptions? options = null)
    {
        _options = options ?? new PtSocksServerOptions { HandshakeTimeout = TimeSpan.FromSeconds(10) };
        Start();
    }

    protected override async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var result = await PtSocksServer.HandshakeAsync(stream, _options, Stopping);
            if (!result.IsSuccess) return;
            var request = result.Value!;
            using var target = request.Target.AddressFamily == AddressFamily.InterNetwork
                ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var connecting = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
                connecting.CancelAfter(ConnectTimeout);
                await target.ConnectAsync(request.Target, connecting.Token);
            }
            catch (SocketException e)
            {
                await PtSocksServer.SendFailureAsync(stream, e.SocketErrorCode, Stopping);
                return;
            }
            catch (OperationCanceledException) when (!Stopping.IsCancellationRequested)
            {
                await PtSocksServer.SendFailureAsync(stream, SocketError.TimedOut, Stopping);
                return;
            }
            await PtSocksServer.SendReplyAsync(stream, PtSocksReply.Succeeded, target.LocalEndPoint, Stopping);
            await using var remote = new NetworkStream(target, ownsSocket: false);
            await remote.WriteAsync(request.Leftover, Stopping);
            await Task.WhenAny(stream.CopyToAsync(remote, Stopping), remote.CopyToAsync(stream, Stopping));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // Stopping, or the client went away: the connection ends either way.
        }
    }
}
