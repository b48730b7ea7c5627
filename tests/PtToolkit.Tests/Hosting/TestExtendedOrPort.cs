using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.ExtOrPort;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// An Extended ORPort on 127.0.0.1 built on <see cref="ExtOrPortServer"/>, with its cookie file in a temporary folder:
/// it records the TRANSPORT and USERADDR of each connection, then echoes. Disposing stops it and removes the folder.
/// </summary>
internal sealed class TestExtendedOrPort : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pttoolkit-extor-");
    private readonly byte[] _cookie;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string? Transport, IPEndPoint? UserAddress)> _seen = new();
    private readonly List<Task> _connections = new();
    private readonly Task _accepting;

    public TestExtendedOrPort()
    {
        CookieFile = Path.Combine(_folder.FullName, "extended_orport_auth_cookie");
        _cookie = ExtOrPortCookie.Create(CookieFile);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>The cookie file a PT reads (TOR_PT_AUTH_COOKIE_FILE).</summary>
    public string CookieFile { get; }

    /// <summary>What each admitted connection said.</summary>
    public IReadOnlyList<(string? Transport, IPEndPoint? UserAddress)> Seen
    {
        get { lock (_seen) return _seen.ToList(); }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] connections;
        lock (_connections) connections = _connections.ToArray();
        await Task.WhenAll(connections).WaitAsync(InProcessHost.Timeout);
        _stop.Dispose();
        _folder.Delete(recursive: true);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            lock (_connections) _connections.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var result = await ExtOrPortServer.AcceptAsync(stream, _cookie, (transport, address) =>
            {
                lock (_seen) _seen.Add((transport, address));
                return true;
            }, null, _stop.Token);
            if (!result.Result.IsOkay) return;
            await stream.CopyToAsync(stream, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The test is over, or the PT went away.
        }
    }
}
