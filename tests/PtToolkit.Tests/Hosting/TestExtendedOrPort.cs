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
internal sealed class TestExtendedOrPort : LoopbackServer
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pttoolkit-extor-");
    private readonly byte[] _cookie;
    private readonly List<(string? Transport, IPEndPoint? UserAddress)> _seen = new();

    public TestExtendedOrPort()
    {
        CookieFile = Path.Combine(_folder.FullName, "extended_orport_auth_cookie");
        _cookie = ExtOrPortCookie.Create(CookieFile);
        Start();
    }

    /// <summary>The cookie file a PT reads (TOR_PT_AUTH_COOKIE_FILE).</summary>
    public string CookieFile { get; }

    /// <summary>What each admitted connection said.</summary>
    public IReadOnlyList<(string? Transport, IPEndPoint? UserAddress)> Seen
    {
        get { lock (_seen) return _seen.ToList(); }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    protected override async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var result = await ExtOrPortServer.AcceptAsync(stream, _cookie, (transport, address) =>
            {
                lock (_seen) _seen.Add((transport, address));
                return true;
            }, null, Stopping);
            if (!result.Result.IsOkay) return;
            await stream.CopyToAsync(stream, Stopping);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The test is over, or the PT went away.
        }
    }
}
