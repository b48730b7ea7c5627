using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using PtToolkit.Generator.Reading;

namespace PtToolkit.Cli.Spec;

/// <summary>
/// <c>ptkit spec check FILE</c> and <c>ptkit spec doc FILE</c>: the generator's own spec reader
/// (generator/Reading/SpecReader.cs), run outside a build: the same diagnostics as the compiler, or Markdown
/// reference pages of a spec's messages, enumerations, configs, parameters, events, commands and replies.
/// </summary>
internal static class SpecCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => new("spec", "Spec files (spec/README.md): check them as the build does, or document them.")
    {
        Check(),
        Doc(),
    };

    private static Argument<string> File() => new("file") { Description = "The spec file." };

    private static Command Check()
    {
        var file = File();
        var command = new Command("check", """
            Reads a spec file with the generator's reader and prints each problem as the compiler does,
            "file(line,col): error PTGxxx: message"; exits 1 when there is one, 0 when the spec is valid, 2 when
            the file cannot be read.
            """)
        {
            file,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, Console.Out, Console.Error, (result, output) =>
        {
            foreach (var diagnostic in InOrder(result)) output.WriteLine(diagnostic.ToDiagnostic().ToString());
            return result.Diagnostics.Count == 0 ? 0 : 1;
        }));
        return command;
    }

    private static Command Doc()
    {
        var file = File();
        var command = new Command("doc", """
            Writes Markdown for a valid spec file: its dialects, enumerations, messages (grammar, sections, dialects,
            streams, exits, quoted spec text), configs, parameters (variable, flag, side, rules), events (keyword,
            positional and keyword arguments) and commands (arguments in order, multi-line, sensitive). A spec with
            errors gets them printed as by check, and exit code 1.
            """)
        {
            file,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, Console.Out, Console.Error, (result, output) =>
        {
            if (result.Model is null)
            {
                foreach (var diagnostic in InOrder(result)) Console.Error.WriteLine(diagnostic.ToDiagnostic().ToString());
                return 1;
            }
            output.Write(SpecMarkdown.Write(Path.GetFileName(result.Path), result.Model));
            return 0;
        }));
        return command;
    }

    private static IEnumerable<PtToolkit.Generator.Model.DiagnosticInfo> InOrder(PtToolkit.Generator.Model.SpecReadResult result) =>
        result.Diagnostics.OrderBy(d => d.Lines.Start.Line).ThenBy(d => d.Lines.Start.Character);

    /// <summary>Reads <paramref name="path"/> and hands the result to <paramref name="use"/>; returns its exit code, or 2 when the file cannot be read.</summary>
    internal static int Run(string path, TextWriter output, TextWriter error, Func<PtToolkit.Generator.Model.SpecReadResult, TextWriter, int> use)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"ptkit spec: cannot read {path}: {e.Message}");
            return 2;
        }
        var result = SpecReader.Read(path, SourceText.From(text, Encoding.UTF8), CancellationToken.None);
        return use(result, output);
    }
}
