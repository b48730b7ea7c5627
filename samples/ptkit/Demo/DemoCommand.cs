using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Cli.Io;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Cli.Demo;

/// <summary>
/// <c>ptkit demo</c>: the live demo (<see cref="LiveDemo"/>: the sample transport, or with <c>--obfs4</c> Debian's
/// obfs4proxy, launched as server and client, bytes through it with per-connection arguments, the typed events as they
/// come); with <c>--transcripts</c>, decodes the stdout of a real obfs4proxy (the transcripts in samples/transcripts,
/// copied beside the binary) line by line.
/// </summary>
internal static class DemoCommand
{
    private const int LineColumn = 46;

    /// <summary>The transcripts shipped beside the binary.</summary>
    public static DirectoryInfo TranscriptDirectory => new(Path.Combine(AppContext.BaseDirectory, "transcripts"));

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var transcripts = new Option<DirectoryInfo?>("--transcripts")
        {
            Description = "Instead: decode the obfs4proxy transcripts (*.txt) of this folder, by default the shipped ones.",
            HelpName = "dir",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var obfs4 = new Option<string?>("--obfs4")
        {
            Description = "Run the same flow with obfs4proxy instead of the sample transport: this executable, by default obfs4proxy on PATH or /usr/bin/obfs4proxy.",
            HelpName = "obfs4proxy",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("demo", """
            Launches the sample transport (samples/SampleTransport) as a PT server in front of an echo server and as
            a PT client, both on 127.0.0.1, with PtLauncher; connects through the client's SOCKS port with the key the
            server announced in its SMETHOD ARGS as a per-connection argument; checks that 1 MiB comes back and how
            fast, and that a wrong key is refused; stops both PTs; prints every typed event.
            With --obfs4: the same with obfs4proxy (Debian's package), the SOCKS arguments being the cert and
            iat-mode of the bridge line the server writes into its state directory (obfs4_bridgeline.txt).
            Exit codes: 0 every step worked; 1 a step failed; 2 the transport is not installed.
            With --transcripts: decodes what a real obfs4proxy (Debian's 0.0.14) printed as a managed transport
            (samples/transcripts/*.txt) and shows each line with its typed message; exit code 1 when a line is Invalid.
            """)
        {
            transcripts,
            obfs4,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(transcripts) is not null && result.GetResult(obfs4) is not null) result.AddError("give --transcripts or --obfs4, not both");
        });
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetResult(transcripts) is not null) return Task.FromResult(Run(parse.GetValue(transcripts) ?? TranscriptDirectory, Console.Out));
            IDemoTransport transport = parse.GetResult(obfs4) is null ? new SampleDemo() : new Obfs4Demo(parse.GetValue(obfs4) ?? Obfs4Demo.DefaultExecutable);
            return LiveDemo.RunAsync(transport, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>Shows every transcript of <paramref name="directory"/>; returns the exit code.</summary>
    public static int Run(DirectoryInfo directory, TextWriter output)
    {
        var files = directory.Exists ? directory.GetFiles("*.txt").OrderBy(f => f.Name, StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            output.WriteLine($"ptkit demo: no transcript (*.txt) in {directory.FullName}");
            return 1;
        }
        var tally = new Tally();
        foreach (var file in files) ShowFile(file, output, tally);
        output.WriteLine($"{tally.Lines} lines, {tally.Messages} messages, {tally.Unknown} unknown, {tally.Invalid} invalid");
        return tally.Invalid == 0 ? 0 : 1;
    }

    private static void ShowFile(FileInfo file, TextWriter output, Tally tally)
    {
        output.WriteLine(file.Name);
        output.WriteLine($"{"#",4}  {"line",-LineColumn}  decoded");
        using var stream = file.OpenRead();
        var reader = new BoundedLineReader(stream, PtMessageExtensions.MaxLineBytes);
        var fields = new TextFieldWriter();
        int number = 0;
        LineStatus status;
        while ((status = reader.Read(out var line)) != LineStatus.End)
        {
            tally.Lines++;
            string text = status == LineStatus.TooLong ? $"({reader.MaxLineBytes}+ bytes)" : Printable(line.Span);
            string decoded = status == LineStatus.TooLong ? Invalid(tally, "line too long") : Decode(line.Span, fields, tally);
            string separator = text.Length > LineColumn ? Environment.NewLine + new string(' ', 6 + LineColumn + 2) : "  ";
            output.WriteLine($"{++number,4}  {text,-LineColumn}{separator}{decoded}");
        }
        output.WriteLine();
    }

    private static string Decode(ReadOnlySpan<byte> line, TextFieldWriter fields, Tally tally)
    {
        var outcome = PtIpc.ParseOwned(line, out var message);
        if (outcome.IsMessage)
        {
            tally.Messages++;
            message!.WriteFields(fields);
            return $"{message.KindName,-14} {fields.Take()}".TrimEnd();
        }
        if (outcome.IsUnknown)
        {
            tally.Unknown++;
            return "Unknown (ignored)";
        }
        string expected = outcome.Kind == PtIpc.MessageKind.Unknown ? "" : $" as {outcome.Kind}";
        return Invalid(tally, $"{outcome.Error}{expected}");
    }

    private static string Invalid(Tally tally, string why)
    {
        tally.Invalid++;
        return $"INVALID: {why}";
    }

    /// <summary>The line as text, with control characters shown as escapes.</summary>
    private static string Printable(ReadOnlySpan<byte> line)
    {
        var text = new StringBuilder();
        foreach (char c in Encoding.UTF8.GetString(line))
        {
            if (char.IsControl(c)) text.Append($"\\x{(int)c:x2}");
            else text.Append(c);
        }
        return text.ToString();
    }

    private sealed class Tally
    {
        public int Lines;
        public int Messages;
        public int Unknown;
        public int Invalid;
    }
}
