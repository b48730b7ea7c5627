using System;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Cli.Control;
using PtToolkit.Control;
using PtToolkit.Tests.Integration;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>
/// <c>ptkit control</c> (samples/ptkit/Control) against real tor 0.4.9: commands over the port file, the TCP
/// port and the control socket; cookie and password authentication; events as JSON lines until stdin closes
/// or Ctrl-C; and each exit code, in process and as the built program.
/// </summary>
public class PtkitControlTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private const string Password = "ptkit \"control\" pass";

    private static ControlSettings Settings(EndPoint endPoint, string? password = null, string[]? events = null, params string[] commands) =>
        new(endPoint, password, commands, events, TimeSpan.FromSeconds(15));

    private static async Task<(string Stdout, string Stderr, int Exit)> RunAsync(ControlSettings settings, Stream? stdin = null, CancellationToken stop = default)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        int exit = await ControlRunner.RunAsync(settings, stdin ?? Stream.Null, stdout, stderr, stop).WaitAsync(Wait);
        return (Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString(), exit);
    }

    [Fact]
    public async Task Commands_run_in_order_and_print_each_reply_as_tor_sent_it()
    {
        await using var tor = await TorProcess.StartAsync(Password);
        Assert.Equal(ControlExitCodes.Ok, ControlCommand.TryCreateSettings(null, tor.PortFile, null, null, 15,
            ["GETINFO version config-text", "GETCONF DisableNetwork", "FROB", "SIGNAL CLEARDNSCACHE"], null, TextWriter.Null, out var settings));
        var (stdout, stderr, exit) = await RunAsync(settings!);

        Assert.Equal(ControlExitCodes.Refused, exit);
        Assert.Equal("", stderr);
        var lines = stdout.Split('\n');
        Assert.StartsWith("250-version=0.4.9", lines[0], StringComparison.Ordinal);
        Assert.Equal("250+config-text=", lines[1]);
        int end = Array.IndexOf(lines, ".");
        Assert.Contains("DisableNetwork 1", lines[2..end]);
        Assert.Equal(["250 OK", "250 DisableNetwork=1", "510 Unrecognized command \"FROB\"", "250 OK", ""], lines[(end + 1)..]);
    }

    [Fact]
    public async Task A_password_from_the_file_or_the_environment_authenticates_and_a_wrong_one_exits_77()
    {
        await using var tor = await TorProcess.StartAsync(Password);
        string file = Path.Combine(Path.GetDirectoryName(tor.PortFile)!, "password");
        await File.WriteAllTextAsync(file, Password + "\r\n");

        Assert.Equal(ControlExitCodes.Ok, ControlCommand.TryCreateSettings("unix:" + tor.ControlSocket, null, file, null, 15, ["GETINFO version"], "ignored", TextWriter.Null, out var fromFile));
        Assert.Equal(Password, fromFile!.Password);
        Assert.StartsWith("250-version=0.4.9", (await RunAsync(fromFile)).Stdout, StringComparison.Ordinal);

        Assert.Equal(ControlExitCodes.Ok, ControlCommand.TryCreateSettings(tor.ControlPort.ToString(), null, null, null, 15, ["GETINFO version"], Password, TextWriter.Null, out var fromEnvironment));
        Assert.Equal(ControlExitCodes.Ok, (await RunAsync(fromEnvironment!)).Exit);

        var (stdout, stderr, exit) = await RunAsync(Settings(tor.ControlPort, "wrong", null, "GETINFO version"));
        Assert.Equal(ControlExitCodes.NoPermission, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("ptkit control: Tor refused the credentials: 515 ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_stream_as_json_lines_with_typed_fields_until_stdin_closes()
    {
        await using var tor = await TorProcess.StartAsync(Password);
        using var stdin = new AnonymousPipeServerStream(PipeDirection.Out);
        using var stdinReader = new AnonymousPipeClientStream(PipeDirection.In, stdin.ClientSafePipeHandle);
        var stdout = new SharedStream();
        var stderr = new StringWriter();
        var running = ControlRunner.RunAsync(Settings(tor.ControlPort, null, ["CONF_CHANGED", "SIGNAL", "NOTICE", "BW"]), stdinReader, stdout, stderr, default);

        await using (var other = await TorControlClient.ConnectAsync(tor.ControlPort).WaitAsync(Wait))
        {
            await other.AuthenticateAsync().WaitAsync(Wait);
            // BW comes every second once ptkit has set its events: then a change is sure to reach it.
            await stdout.WaitForAsync("\"event\":\"BW\"", Wait);
            await other.SetConfAsync("ContactInfo", "a \"quoted\" \\ value").WaitAsync(Wait);
            await other.SignalAsync("CLEARDNSCACHE").WaitAsync(Wait);
            await stdout.WaitForAsync("CLEARDNSCACHE", Wait);
        }
        stdin.Dispose();
        Assert.Equal(ControlExitCodes.Ok, await running.WaitAsync(Wait));
        Assert.Equal("", stderr.ToString());

        var events = stdout.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.All(events, e => Assert.NotEqual("Invalid", e.GetProperty("kind").GetString()));
        var bw = events.First(e => e.GetProperty("event").GetString() == "BW");
        Assert.Equal("Bandwidth", bw.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Number, bw.GetProperty("fields").GetProperty("bytesRead").ValueKind);
        var changed = events.Single(e => e.GetProperty("event").GetString() == "CONF_CHANGED");
        Assert.Equal("ConfChanged", changed.GetProperty("kind").GetString());
        var change = changed.GetProperty("fields").GetProperty("changes")[0];
        Assert.Equal(("ContactInfo", "a \"quoted\" \\ value"), (change[0].GetString(), change[1].GetString()));
        Assert.StartsWith("650-CONF_CHANGED\n650-ContactInfo=", changed.GetProperty("raw").GetString(), StringComparison.Ordinal);
        var signal = events.Single(e => e.GetProperty("event").GetString() == "SIGNAL");
        Assert.Equal("CLEARDNSCACHE", signal.GetProperty("fields").GetProperty("signal").GetString());
        Assert.Equal("650 SIGNAL CLEARDNSCACHE", signal.GetProperty("raw").GetString());
    }

    [Fact]
    public async Task Ctrl_C_stops_the_event_stream_with_exit_0_and_an_unknown_event_name_exits_2()
    {
        await using var tor = await TorProcess.StartAsync(Password);
        var stdout = new SharedStream();
        using var stop = new CancellationTokenSource();
        using var stdin = new AnonymousPipeServerStream(PipeDirection.Out);
        using var stdinReader = new AnonymousPipeClientStream(PipeDirection.In, stdin.ClientSafePipeHandle);
        var running = ControlRunner.RunAsync(Settings(tor.ControlSocket, null, ["BW"]), stdinReader, stdout, TextWriter.Null, stop.Token);
        await stdout.WaitForAsync("\"kind\":\"Bandwidth\"", Wait);
        await stop.CancelAsync();
        Assert.Equal(ControlExitCodes.Ok, await running.WaitAsync(Wait));

        var (_, stderr, exit) = await RunAsync(Settings(tor.ControlPort, null, ["BW", "NO_SUCH_EVENT"]));
        Assert.Equal(ControlExitCodes.Refused, exit);
        Assert.Contains("552 Unrecognized event \"NO_SUCH_EVENT\"", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_program_runs_commands_and_stops_streaming_when_stdin_closes()
    {
        await using var tor = await TorProcess.StartAsync(Password);
        var (stdout, stderr, exit) = await PtkitCliTests.RunPtkit([], "control", "--port-file", tor.PortFile, "GETINFO version", "SIGNAL NO_SUCH");
        Assert.Equal((ControlExitCodes.Refused, ""), (exit, stderr));
        Assert.Matches("^250-version=0\\.4\\.9[^\n]*\n250 OK\n552 Unrecognized signal code \"NO_SUCH\"\n$", stdout);

        (_, stderr, exit) = await PtkitCliTests.RunPtkit([], "control", "--endpoint", tor.ControlPort.ToString(), "--events", "BW");
        Assert.Equal((ControlExitCodes.Ok, ""), (exit, stderr));
    }

    [Fact]
    public async Task Unreachable_port_missing_cookie_and_a_broken_connection_have_their_exit_codes()
    {
        var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closedPort = (IPEndPoint)closed.LocalEndPoint!;
        closed.Dispose();
        var (_, stderr, exit) = await RunAsync(Settings(closedPort, null, null, "GETINFO version"));
        Assert.Equal(ControlExitCodes.Unavailable, exit);
        Assert.StartsWith("ptkit control: cannot connect to 127.0.0.1:", stderr, StringComparison.Ordinal);

        await using (var server = FakeTorServer.StartTcp())
        {
            var running = RunAsync(Settings(server.EndPoint, null, null, "GETINFO version"));
            await server.ExpectAsync("PROTOCOLINFO 1");
            await server.SendAsync("250-PROTOCOLINFO 1\n250-AUTH METHODS=COOKIE COOKIEFILE=\"/nonexistent/control_auth_cookie\"\n250 OK\n");
            (_, stderr, exit) = await running;
            Assert.Equal(ControlExitCodes.NoPermission, exit);
            Assert.StartsWith("ptkit control: authentication failed (CookieFileMissing): ", stderr, StringComparison.Ordinal);
        }

        await using (var server = FakeTorServer.StartTcp())
        {
            var running = RunAsync(Settings(server.EndPoint, null, null, "GETINFO version"));
            await server.ExpectAsync("PROTOCOLINFO 1");
            await server.SendAsync("250-PROTOCOLINFO 1\n250-AUTH METHODS=NULL\n250 OK\n");
            await server.ExpectAsync("AUTHENTICATE");
            await server.SendAsync("250 OK\n");
            await server.ExpectAsync("GETINFO version");
            await server.SendAsync("250-version=0.4.9.11\n");
            await server.CloseAsync();
            (_, stderr, exit) = await running;
            Assert.Equal(ControlExitCodes.Protocol, exit);
            Assert.Contains("inside a reply", stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>A stream written by the code under test while the test reads what it holds so far.</summary>
    private sealed class SharedStream : TestStream
    {
        private readonly MemoryStream _bytes = new();

        public string Text
        {
            get { lock (_bytes) return Encoding.UTF8.GetString(_bytes.ToArray()); }
        }

        /// <summary>Waits (polling, bounded) until the text holds <paramref name="part"/>.</summary>
        public async Task WaitForAsync(string part, TimeSpan timeout)
        {
            using var bound = new CancellationTokenSource(timeout);
            while (!Text.Contains(part, StringComparison.Ordinal)) await Task.Delay(50, bound.Token);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_bytes) _bytes.Write(buffer, offset, count);
        }

        public override bool CanRead => false;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
