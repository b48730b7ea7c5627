using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PtToolkit.Cli.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary><c>ptkit control</c>'s arguments: endpoints, tor's port file, the password file and environment, usage errors.</summary>
public sealed class PtkitControlArgumentsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ptk-ctl-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Error, ControlSettings? Settings) Create(string? endpoint = "127.0.0.1:9051", string? portFile = null,
        string? passwordFile = null, string? events = null, string[]? commands = null, string? environment = null, int timeout = 30)
    {
        var error = new StringWriter();
        int exit = ControlCommand.TryCreateSettings(endpoint, portFile, passwordFile, events, timeout, commands ?? [], environment, error, out var settings);
        return (exit, error.ToString(), settings);
    }

    [Theory]
    [InlineData("127.0.0.1:9051", "127.0.0.1:9051")]
    [InlineData("[::1]:9051", "[::1]:9051")]
    [InlineData("localhost:9151", "127.0.0.1:9151")]
    [InlineData("unix:/run/tor/control", "/run/tor/control")]
    [InlineData("/var/run/tor dir/control", "/var/run/tor dir/control")]
    public void Endpoints_read_as_TCP_or_Unix_sockets(string text, string expected)
    {
        Assert.True(ControlEndpoint.TryParse(text, out var endPoint, out string error), error);
        Assert.Equal(expected, endPoint!.ToString());
        Assert.Equal(text.Contains('/'), endPoint is UnixDomainSocketEndPoint);
    }

    [Theory]
    [InlineData("example.com:9051")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("::1:9051")]
    [InlineData("unix:")]
    [InlineData("")]
    public void Other_endpoints_are_usage_errors(string text)
    {
        var (exit, error, settings) = Create(endpoint: text);
        Assert.Equal((ControlExitCodes.Usage, (ControlSettings?)null), (exit, settings));
        Assert.StartsWith("ptkit control: --endpoint: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_port_file_gives_its_first_usable_line()
    {
        string tcp = File("tcp", "PORT=127.0.0.1:40123\n");
        string unix = File("unix", "UNIX_PORT=/tmp/x y/control\r\nPORT=127.0.0.1:1\r\n");
        string odd = File("odd", "# not tor's\nPORT=nowhere\nPORT=[::1]:9051\n");
        Assert.Equal("127.0.0.1:40123", Create(endpoint: null, portFile: tcp).Settings!.EndPoint.ToString());
        Assert.IsType<UnixDomainSocketEndPoint>(Create(endpoint: null, portFile: unix).Settings!.EndPoint);
        Assert.Equal("/tmp/x y/control", Create(endpoint: null, portFile: unix).Settings!.EndPoint.ToString());
        Assert.Equal("[::1]:9051", Create(endpoint: null, portFile: odd).Settings!.EndPoint.ToString());
    }

    [Fact]
    public void A_port_file_missing_empty_or_too_large_exits_66()
    {
        var missing = Create(endpoint: null, portFile: Path.Combine(_directory, "absent"));
        Assert.Equal(ControlExitCodes.NoInput, missing.Exit);
        Assert.Contains("cannot read the port file", missing.Error, StringComparison.Ordinal);
        var empty = Create(endpoint: null, portFile: File("empty", "PORT=\n"));
        Assert.Equal(ControlExitCodes.NoInput, empty.Exit);
        Assert.Contains("holds no PORT= or UNIX_PORT= line", empty.Error, StringComparison.Ordinal);
        var large = Create(endpoint: null, portFile: File("large", new string('#', ControlEndpoint.MaxPortFileBytes) + "\nPORT=127.0.0.1:1\n"));
        Assert.Equal(ControlExitCodes.NoInput, large.Exit);
    }

    [Fact]
    public void The_password_comes_from_the_file_without_its_final_line_break_else_from_the_environment()
    {
        Assert.Equal("pa ss\"wörd", Create(passwordFile: File("p1", "pa ss\"wörd\r\n"), environment: "env").Settings!.Password);
        Assert.Equal("two\nlines", Create(passwordFile: File("p2", "two\nlines\n")).Settings!.Password);
        Assert.Equal("", Create(passwordFile: File("p3", "")).Settings!.Password);
        Assert.Equal("env", Create(environment: "env").Settings!.Password);
        Assert.Null(Create().Settings!.Password);
        Assert.DoesNotContain("env", Create(environment: "env").Settings!.ToString(), StringComparison.Ordinal);

        var missing = Create(passwordFile: Path.Combine(_directory, "absent"));
        Assert.Equal(ControlExitCodes.NoInput, missing.Exit);
        var large = Create(passwordFile: File("big", new string('x', ControlPassword.MaxFileBytes + 1)));
        Assert.Equal(ControlExitCodes.NoInput, large.Exit);
        Assert.DoesNotContain("xxxx", large.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, new string[0], "exactly one of --endpoint and --port-file")]
    [InlineData("127.0.0.1:1", "file", null, new string[0], "exactly one of --endpoint and --port-file")]
    [InlineData("127.0.0.1:1", null, "CIRC", new[] { "GETINFO version" }, "give commands in another run")]
    [InlineData("127.0.0.1:1", null, "CIRC,,BW", new string[0], "not a comma-separated list")]
    [InlineData("127.0.0.1:1", null, "CIRC BW", new string[0], "not a comma-separated list")]
    [InlineData("127.0.0.1:1", null, null, new[] { "GETINFO version", "SETCONF a=1\r\nSIGNAL HALT" }, "command 2 cannot be sent as one line")]
    [InlineData("127.0.0.1:1", null, null, new[] { " GETINFO" }, "command 1 cannot be sent as one line")]
    public void Bad_combinations_are_usage_errors(string? endpoint, string? portFile, string? events, string[] commands, string message)
    {
        var (exit, error, settings) = Create(endpoint, portFile, null, events, commands);
        Assert.Equal((ControlExitCodes.Usage, (ControlSettings?)null), (exit, settings));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_names_and_the_timeout_are_kept()
    {
        var settings = Create(events: "CIRC, STREAM,BW", timeout: 5).Settings!;
        Assert.Equal(["CIRC", "STREAM", "BW"], settings.Events);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Timeout);
        Assert.Equal(ControlExitCodes.Usage, Create(timeout: 0).Exit);
    }

    [Fact]
    public void A_reply_is_printed_with_LF_for_each_CRLF_and_nothing_else_changed()
    {
        var output = new MemoryStream();
        ControlRunner.WriteReply(output, Encoding.UTF8.GetBytes("250+config-text=\r\nLog notice\r\n..dot\rcr\r\n.\r\n250 OK\r\n"));
        Assert.Equal("250+config-text=\nLog notice\n..dot\rcr\n.\n250 OK\n", Encoding.UTF8.GetString(output.ToArray()));
    }
}
