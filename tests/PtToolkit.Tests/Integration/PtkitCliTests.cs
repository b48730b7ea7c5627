using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Cli.Ipc;
using PtToolkit.Ipc;
using Xunit;

namespace PtToolkit.Tests.Integration;

/// <summary>
/// The ptkit tool (samples/ptkit): <c>ipc decode</c>, <c>ipc encode</c> and <c>demo</c>, run in process on
/// streams, and as the built program for its wiring (stdin, stdout, exit codes).
/// </summary>
public sealed class PtkitCliTests
{
    private static readonly string TranscriptDirectory = Path.Combine(AppContext.BaseDirectory, "transcripts");

    private static string Transcript(string name) => Path.Combine(TranscriptDirectory, name);

    private static byte[] AllTranscripts() =>
        Directory.GetFiles(TranscriptDirectory, "*.txt").Order(StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray();

    // Ports and certs are those of samples/transcripts as recorded: refreshing the files with capture.sh changes them.
    [Fact]
    public void Decode_writes_each_transcript_line_as_a_json_object()
    {
        var client = Decode(File.ReadAllBytes(Transcript("obfs4proxy-client.txt")));
        var server = Decode(File.ReadAllBytes(Transcript("obfs4proxy-server.txt")));
        var errors = Decode(File.ReadAllBytes(Transcript("obfs4proxy-errors.txt")));

        Assert.Equal(
            [
                """{"line":1,"kind":"Version","version":"1"}""",
                """{"line":2,"kind":"Cmethod","transport":"obfs4","method":"socks5","address":"127.0.0.1:41797"}""",
                """{"line":3,"kind":"Cmethod","transport":"obfs3","method":"socks5","address":"127.0.0.1:35279"}""",
                """{"line":4,"kind":"Cmethod","transport":"meek_lite","method":"socks5","address":"127.0.0.1:37245"}""",
                """{"line":5,"kind":"Cmethod","transport":"scramblesuit","method":"socks5","address":"127.0.0.1:43315"}""",
                """{"line":6,"kind":"CmethodsDone"}""",
            ],
            client);
        Assert.Equal(
            """{"line":2,"kind":"Smethod","transport":"obfs4","address":"127.0.0.1:44881","args":{"cert":"u41lkIyQeEik0uWasx3IeoPQW5YzkaOhqMyW6QT4jvv294IwN7O0qifHTjNvXy55G9iMNQ","iat-mode":"0"}}""",
            server[1]);
        Assert.Equal("""{"line":1,"kind":"VersionError","message":"no-version"}""", errors[0]);
        Assert.Equal("""{"line":4,"kind":"ProxyDone"}""", errors[3]);
        Assert.Equal("""{"line":16,"kind":"CmethodError","transport":"foo","message":"no such transport is supported"}""", errors[15]);
        Assert.Equal(25, errors.Count);
    }

    [Fact]
    public void Decode_reports_unknown_and_invalid_lines_and_goes_on()
    {
        var input = Bytes("FOO bar\nCMETHOD obfs4 socks5 127.0.0.1:x\r\n\nVERSION 2 PROXY DONE\nSTATUS TRANSPORT=obfs4 ADDRESS=1.2.3.4:5 CONNECT=Success\n");

        Assert.Equal(
            [
                """{"line":1,"kind":"Unknown"}""",
                """{"line":2,"kind":"Invalid","error":"port is not a number from 0 to 65535","offset":31,"field":"address","expected":"Cmethod"}""",
                """{"line":3,"kind":"Invalid","error":"empty line","offset":0}""",
                """{"line":4,"kind":"Invalid","error":"unexpected text after the last field","offset":9,"expected":"Version"}""",
                """{"line":5,"kind":"Status","transport":"obfs4","values":{"ADDRESS":"1.2.3.4:5","CONNECT":"Success"}}""",
            ],
            Decode(input));
    }

    [Fact]
    public void Decode_reports_a_line_over_the_limit_without_holding_it_and_reads_on()
    {
        var input = Bytes("VERSION 1\n" + new string('A', 100) + "\nCMETHODS DONE\n" + new string('B', 64) + "\n" + new string('C', 65));

        Assert.Equal(
            [
                """{"line":1,"kind":"Version","version":"1"}""",
                """{"line":2,"kind":"Invalid","error":"line longer than 64 bytes","offset":64}""",
                """{"line":3,"kind":"CmethodsDone"}""",
                """{"line":4,"kind":"Unknown"}""",
                """{"line":5,"kind":"Invalid","error":"line longer than 64 bytes","offset":64}""",
            ],
            Decode(input, maxLineBytes: 64));
    }

    [Fact]
    public void Decode_splits_lines_the_same_when_the_input_arrives_a_byte_at_a_time()
    {
        var input = AllTranscripts().Concat(Bytes(new string('X', 300) + "\nVERSION 2\n")).ToArray();

        Assert.Equal(Decode(input, maxLineBytes: 200), Decode(input, maxLineBytes: 200, trickle: true));
    }

    [Fact]
    public void Decode_writes_repeated_keys_as_pairs_and_encode_writes_them_back()
    {
        var line = Bytes("SMETHOD x 198.51.100.1:2323 ARGS:N=13,N=14,a\\,b=c\\=d\n");

        var json = Assert.Single(Decode(line));

        Assert.Equal("""{"line":1,"kind":"Smethod","transport":"x","address":"198.51.100.1:2323","args":[["N","13"],["N","14"],["a,b","c=d"]]}""", json);
        Assert.Equal(line, Encode(Bytes(json + "\n"), out string errors, out int exit));
        Assert.Equal(("", 0), (errors, exit));
    }

    [Fact]
    public void Decode_then_encode_gives_back_every_transcript_line()
    {
        var transcripts = AllTranscripts();
        var json = Bytes(string.Join("\n", Decode(transcripts)) + "\n");

        var lines = Encode(json, out string errors, out int exit);

        Assert.Equal(("", 0), (errors, exit));
        Assert.Equal(Encoding.ASCII.GetString(transcripts), Encoding.ASCII.GetString(lines));
    }

    [Fact]
    public void Encode_names_the_line_and_field_of_each_failure_and_writes_the_rest()
    {
        var input = Bytes("""
            {"kind":"Version","version":"1"}
            {"kind":"Cmethod","transport":"ob fs4","method":"socks5","address":"127.0.0.1:1"}
            not json
            {"kind":"Cmethod","transport":"obfs4","method":"socks5"}
            {"kind":"Smethod","transport":"obfs4","address":"127.0.0.1:1","adress":"x"}
            {"kind":"Smethod","transport":"obfs4","address":"127.0.0.1:1","options":5}
            {"kind":"Status","transport":"obfs4","values":{"A":"x"},"values":{"B":"y"}}
            {"kind":"Nope"}
            {"line":9,"kind":"Unknown"}

            {"kind":"CmethodsDone"}
            """ + "\n");

        var lines = Encode(input, out string errors, out int exit);

        Assert.Equal("VERSION 1\nCMETHODS DONE\n", Encoding.ASCII.GetString(lines));
        Assert.Equal(1, exit);
        var messages = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, messages.Length);
        Assert.StartsWith("ptkit ipc encode: line 2: Cmethod: field 'transport' holds a value that cannot be written", messages[0]);
        Assert.StartsWith("ptkit ipc encode: line 3: malformed JSON", messages[1]);
        Assert.Equal("ptkit ipc encode: line 4: Cmethod: missing field 'address'", messages[2]);
        Assert.Equal("ptkit ipc encode: line 5: Smethod: field 'adress' is no field of Smethod", messages[3]);
        Assert.Equal("ptkit ipc encode: line 6: Smethod: field 'options' must be a JSON string", messages[4]);
        Assert.StartsWith("ptkit ipc encode: line 7: malformed JSON: Duplicate property 'values'", messages[5]);
        Assert.Equal("ptkit ipc encode: line 8: field 'kind': 'Nope' is no message of spec/pt-ipc.spec", messages[6]);
        Assert.Equal("ptkit ipc encode: line 9: skipped: kind Unknown has no line to write", messages[7]);
    }

    [Fact]
    public void Encode_skips_unknown_and_invalid_objects_without_failing()
    {
        var json = Bytes(string.Join("\n", Decode(Bytes("FOO\nVERSION 1\nCMETHOD\n"))) + "\n");

        var lines = Encode(json, out string errors, out int exit);

        Assert.Equal("VERSION 1\n", Encoding.ASCII.GetString(lines));
        Assert.Equal(0, exit);
        Assert.Equal(
            "ptkit ipc encode: line 1: skipped: kind Unknown has no line to write\nptkit ipc encode: line 3: skipped: kind Invalid has no line to write\n",
            errors.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("1.0", PtIpc.Dialects.V1_0)]
    [InlineData("2.0", PtIpc.Dialects.V2_0)]
    [InlineData("2.1", PtIpc.Dialects.V2_1)]
    [InlineData("2.2", PtIpc.Dialects.V2_2)]
    public void Dialect_option_names_map_to_the_spec_dialects(string name, PtIpc.Dialects dialect)
    {
        Assert.Contains(name, IpcDecodeCommand.DialectNames);
        Assert.Equal(dialect, IpcDecodeCommand.DialectOf(name));
    }

    [Fact]
    public void Demo_shows_every_transcript_line_decoded_and_sums_them_up()
    {
        var output = new StringWriter();

        int exit = DemoCommand.Run(new DirectoryInfo(TranscriptDirectory), output);

        string text = output.ToString().ReplaceLineEndings("\n");
        Assert.Equal(0, exit);
        Assert.Contains("obfs4proxy-server.txt\n", text);
        Assert.Contains("   1  VERSION-ERROR no-version", text);
        Assert.Contains("VersionError   message=no-version\n", text);
        Assert.Contains("Smethod        transport=obfs4 address=127.0.0.1:44881 args={cert: u41lkIyQeEik0uWasx3IeoPQW5YzkaOhqMyW6QT4jvv294IwN7O0qifHTjNvXy55G9iMNQ, iat-mode: 0}\n", text);
        Assert.EndsWith("\n34 lines, 34 messages, 0 unknown, 0 invalid\n", text);
    }

    [Fact]
    public void Demo_fails_when_a_transcript_line_is_invalid()
    {
        var directory = Directory.CreateTempSubdirectory("pttoolkit-demo-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "bad.txt"), "VERSION 1\nCMETHOD obfs4\nFOO\n");
            var output = new StringWriter();

            int exit = DemoCommand.Run(directory, output);

            Assert.Equal(1, exit);
            Assert.Contains("INVALID: offset 13: method: expected one space as Cmethod", output.ToString());
            Assert.EndsWith("3 lines, 1 messages, 1 unknown, 1 invalid", output.ToString().TrimEnd());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_built_tool_pipes_stdin_to_stdout_with_its_exit_codes()
    {
        var server = File.ReadAllBytes(Transcript("obfs4proxy-server.txt"));

        var (decoded, decodeErrors, decodeExit) = await RunPtkit(server, "ipc", "decode", "--dialect", "1.0");
        var (encoded, encodeErrors, encodeExit) = await RunPtkit(Encoding.UTF8.GetBytes(decoded), "ipc", "encode");
        var (_, failure, failureExit) = await RunPtkit(Bytes("{\"kind\":\"Version\"}\n"), "ipc", "encode");

        Assert.Equal((0, ""), (decodeExit, decodeErrors));
        Assert.StartsWith("""{"line":1,"kind":"Version","version":"1"}""" + "\n", decoded);
        Assert.Equal((0, ""), (encodeExit, encodeErrors));
        Assert.Equal(Encoding.ASCII.GetString(server), encoded);
        Assert.Equal(1, failureExit);
        Assert.Contains("line 1: Version: missing field 'version'", failure);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static List<string> Decode(byte[] input, int maxLineBytes = Text.PtMessageExtensions.MaxLineBytes, bool trickle = false)
    {
        var output = new MemoryStream();
        var errors = new StringWriter();
        Stream stream = trickle ? new TrickleStream(input) : new MemoryStream(input);
        int exit = IpcDecodeCommand.Run(stream, output, errors, PtIpc.Dialects.All, maxLineBytes);
        Assert.Equal((0, ""), (exit, errors.ToString()));
        string text = Encoding.UTF8.GetString(output.ToArray());
        Assert.EndsWith("\n", text);
        return text[..^1].Split('\n').ToList();
    }

    private static byte[] Encode(byte[] input, out string errors, out int exit)
    {
        var output = new MemoryStream();
        var writer = new StringWriter();
        exit = IpcEncodeCommand.Run(new MemoryStream(input), output, writer);
        errors = writer.ToString();
        return output.ToArray();
    }

    /// <summary>Runs the built ptkit (ptkit.dll beside the tests) with <paramref name="stdin"/>; 30 s at most.</summary>
    internal static async Task<(string Stdout, string Stderr, int Exit)> RunPtkit(byte[] stdin, params string[] arguments)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var info = new System.Diagnostics.ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ptkit.dll"));
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(info)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.BaseStream.WriteAsync(stdin);
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return (await stdout, await stderr, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    /// <summary>A stream that gives one byte per read, to split every line across reads.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
