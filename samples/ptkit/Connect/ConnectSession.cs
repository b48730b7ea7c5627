using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Socks;

namespace PtToolkit.Cli.Connect;

/// <summary>
/// One run of <c>ptkit connect</c>: a SOCKS connection through a PT's CMETHOD to a target with per-connection
/// arguments, then a pipe: input to the connection (its end half-closes the connection), the connection to output (its
/// end ends the run).
/// </summary>
internal static class ConnectSession
{
    /// <summary>The target's side ended the connection (after the input was sent, or first).</summary>
    public const int Done = 0;

    /// <summary>A flag's value cannot be used.</summary>
    public const int BadFlags = 2;

    /// <summary>The SOCKS connection failed: the PT refused it, or could not reach the target.</summary>
    public const int SocksFailed = 3;

    /// <summary>The connection broke while bytes were moving.</summary>
    public const int Broken = 4;

    /// <summary>The input ended and the target's side did not end the connection within the close wait.</summary>
    public const int CloseWaitPassed = 5;

    private const int BufferBytes = 64 * 1024;

    /// <summary>Connects and pipes; returns the exit code. Messages go to <paramref name="error"/>, never to <paramref name="output"/>.</summary>
    public static async Task<int> RunAsync(EndPoint socks, EndPoint target, IReadOnlyList<KeyValuePair<string, string>> arguments,
        PtSocksClientOptions options, Stream input, Stream output, TextWriter error, TimeSpan closeWait, CancellationToken cancellationToken)
    {
        PtSocksResult<Stream> connected;
        try
        {
            connected = await PtSocksClient.ConnectAsync(socks, target, arguments, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"ptkit connect: --arg: {e.Message}").ConfigureAwait(false);
            return BadFlags;
        }
        if (!connected.IsSuccess)
        {
            await error.WriteLineAsync($"ptkit connect: SOCKS connection through {socks} failed: {connected.Error}").ConfigureAwait(false);
            return SocksFailed;
        }
        await using var stream = connected.Value;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var down = CopyAsync(stream, output, stop.Token);
        var up = SendAsync(input, stream, stop.Token);
        try
        {
            if (await Task.WhenAny(down, up).ConfigureAwait(false) == up)
            {
                await up.ConfigureAwait(false);
                if (await Task.WhenAny(down, Task.Delay(closeWait, stop.Token)).ConfigureAwait(false) != down)
                {
                    await error.WriteLineAsync($"ptkit connect: the connection was not closed within {closeWait.TotalSeconds} s of the end of the input").ConfigureAwait(false);
                    return CloseWaitPassed;
                }
            }
            await down.ConfigureAwait(false);
            return Done;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            await error.WriteLineAsync($"ptkit connect: the connection broke: {e.Message}").ConfigureAwait(false);
            return Broken;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    // Everything the connection carries, flushed as it comes (the output may be a terminal or another program).
    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[BufferBytes];
        int n;
        while ((n = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            await to.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // The input, then a half-close: the target's side sees the end and may answer before it closes.
    private static async Task SendAsync(Stream input, Stream connection, CancellationToken cancellationToken)
    {
        await input.CopyToAsync(connection, BufferBytes, cancellationToken).ConfigureAwait(false);
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (connection is NetworkStream network) network.Socket.Shutdown(SocketShutdown.Send);
    }
}
