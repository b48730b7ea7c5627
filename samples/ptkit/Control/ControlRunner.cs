using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Control;

namespace PtToolkit.Cli.Control;

/// <summary>
/// Runs <c>ptkit control</c>: connects, authenticates from PROTOCOLINFO (NULL, the password when given and
/// offered, SAFECOOKIE, COOKIE), then sends the commands and prints their replies, or streams events as JSON
/// lines until <paramref name="stop"/> or the end of stdin. Returns a <see cref="ControlExitCodes"/> value.
/// </summary>
internal static class ControlRunner
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="settings"/>; replies and events go to <paramref name="output"/>, errors to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(ControlSettings settings, Stream input, Stream output, TextWriter error, CancellationToken stop)
    {
        var options = new TorControlClientOptions { ConnectTimeout = settings.Timeout, CommandTimeout = settings.Timeout };
        TorControlClient client;
        try
        {
            client = await TorControlClient.ConnectAsync(settings.EndPoint, options, stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            error.WriteLine($"ptkit control: cannot connect to {settings.EndPoint}: {e.Message}");
            return ControlExitCodes.Unavailable;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ControlExitCodes.Interrupted;
        }
        await using (client.ConfigureAwait(false))
        {
            try
            {
                await client.AuthenticateAsync(settings.Password, stop).ConfigureAwait(false);
                return settings.Events is null
                    ? await RunCommandsAsync(client, settings, output, stop).ConfigureAwait(false)
                    : await StreamEventsAsync(client, settings, input, output, error, stop).ConfigureAwait(false);
            }
            catch (TorAuthenticationException e)
            {
                error.WriteLine($"ptkit control: authentication failed ({e.Failure}): {e.Message}");
                return ControlExitCodes.NoPermission;
            }
            catch (TorCommandException e) when (e.Command == "AUTHENTICATE")
            {
                error.WriteLine($"ptkit control: Tor refused the credentials: {e.StatusCode} {e.ReplyText}");
                return ControlExitCodes.NoPermission;
            }
            catch (TorCommandException e)
            {
                error.WriteLine($"ptkit control: {e.Message}");
                return ControlExitCodes.Refused;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return ControlExitCodes.Interrupted;
            }
            catch (Exception e) when (e is TorControlException or TimeoutException)
            {
                error.WriteLine($"ptkit control: {e.Message}");
                return ControlExitCodes.Protocol;
            }
        }
    }

    /// <summary>Sends each command in turn and prints its reply; <see cref="ControlExitCodes.Refused"/> when any was not 2yz.</summary>
    private static async Task<int> RunCommandsAsync(TorControlClient client, ControlSettings settings, Stream output, CancellationToken stop)
    {
        int exit = ControlExitCodes.Ok;
        foreach (string command in settings.Commands)
        {
            var reply = await client.SendAsync(command, stop).ConfigureAwait(false);
            WriteReply(output, reply.Raw.Span);
            output.Flush();
            if (!reply.IsSuccess) exit = ControlExitCodes.Refused;
        }
        return exit;
    }

    /// <summary>Writes a reply as Tor sent it, each CRLF written as LF.</summary>
    public static void WriteReply(Stream output, ReadOnlySpan<byte> raw)
    {
        while (!raw.IsEmpty)
        {
            int end = raw.IndexOf("\r\n"u8);
            if (end < 0)
            {
                output.Write(raw);
                return;
            }
            output.Write(raw[..end]);
            output.WriteByte((byte)'\n');
            raw = raw[(end + 2)..];
        }
    }

    /// <summary>
    /// SETEVENTS, then one JSON line per event until <paramref name="stop"/> fires or <paramref name="input"/>
    /// ends (then QUIT, exit 0). Tor closing the connection first is <see cref="ControlExitCodes.Protocol"/>.
    /// </summary>
    private static async Task<int> StreamEventsAsync(TorControlClient client, ControlSettings settings, Stream input, Stream output, TextWriter error, CancellationToken stop)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _ = CancelAtEndOfInputAsync(input, done);
        try
        {
            await client.SetEventsAsync(settings.Events!, stop).ConfigureAwait(false);
            var writer = new EventJsonWriter(output);
            await foreach (var e in client.ReadEventsAsync(done.Token).ConfigureAwait(false))
            {
                writer.Write(e);
                output.Flush();
            }
            error.WriteLine("ptkit control: Tor closed the control connection");
            return ControlExitCodes.Protocol;
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            using var quit = new CancellationTokenSource(QuitTimeout);
            try
            {
                await client.QuitAsync(quit.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TorControlException or OperationCanceledException)
            {
                // Leaving anyway: the connection closes when the client is disposed.
            }
            return ControlExitCodes.Ok;
        }
        finally
        {
            // Stops a watcher whose stream honours cancellation; a console's read cannot be cancelled, and the
            // process exits while it waits.
            await done.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Reads <paramref name="input"/> to its end (discarding it), then cancels <paramref name="done"/>.</summary>
    private static async Task CancelAtEndOfInputAsync(Stream input, CancellationTokenSource done)
    {
        var token = done.Token;
        byte[] buffer = new byte[512];
        try
        {
            while (await input.ReadAsync(buffer, token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A broken stdin ends the stream the way a closed one does.
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }
        try
        {
            await done.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The stream already ended for another reason.
        }
    }
}
