using System;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace PtToolkit.Tests.Upstream;

/// <summary>A target on 127.0.0.1 that sends <see cref="Greeting"/> as soon as a connection opens, then echoes.</summary>
internal sealed class GreetingEchoServer : LoopbackServer
{
    /// <summary>What the target says first.</summary>
    public static readonly byte[] Greeting = "hello from the target\n"u8.ToArray();

    public GreetingEchoServer()
    {
        Start();
    }

    protected override async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            await stream.WriteAsync(Greeting, Stopping);
            byte[] buffer = new byte[4096];
            int n;
            while ((n = await stream.ReadAsync(buffer, Stopping)) > 0) await stream.WriteAsync(buffer.AsMemory(0, n), Stopping);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The test is over, or the client went away.
        }
    }
}
