using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using PtToolkit.Control;
using PtToolkit.Testing.Control;
using PtToolkit.Testing.Properties;
using Xunit;

namespace PtToolkit.Testing.Tests.Control;

/// <summary>
/// The generated event views of spec/control.spec (<c>TorEvents.WriteEventFields</c> through each view's <c>WriteFields</c>,
/// after the reply framer) against the reference built from <c>TorEvents.EventGrammar</c>: every one of the 31 events
/// on valid lines and near-misses, arbitrary bytes, values read back as written, no exception, and the event lines
/// of a real tor 0.4.9 session and of the third-party corpus.
/// </summary>
public class EventDifferentialTests
{
    private const int CasesPerEvent = 1000;

    private static readonly PtEventReference Reference = new(TorEvents.EventGrammar);
    private static readonly PtEventLineGen Lines = new(TorEvents.EventGrammar);

    public static TheoryData<string> EventNames() => new(TorEvents.EventGrammar.Events.Select(e => e.Name));

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Views_agree_with_the_reference_on_valid_lines_and_near_misses(string eventName)
    {
        var valid = PtPropertyRunner.Run(eventName + " valid", PtEventProperties.AgreesWithReference(Reference, Lines.Valid(eventName), PtTorEvents.Parse), CasesPerEvent);
        Assert.True(valid.Passed, $"{valid.Failure} (replay {valid.Replay})");
        var nearMiss = PtPropertyRunner.Run(eventName + " near-miss", PtEventProperties.AgreesWithReference(Reference, Lines.NearMiss(eventName), PtTorEvents.Parse), CasesPerEvent);
        Assert.True(nearMiss.Passed, $"{nearMiss.Failure} (replay {nearMiss.Replay})");
    }

    [Property(MaxTest = 1500)]
    public Property Views_agree_with_the_reference_on_arbitrary_bytes() =>
        PtEventProperties.AgreesWithReference(Reference, Lines.Bytes(), PtTorEvents.Parse);

    [Property(MaxTest = 1500)]
    public Property Views_read_back_what_was_written() =>
        PtEventProperties.ReadsBackWhatWasWritten(Lines.Valid(), PtTorEvents.Parse);

    [Property(MaxTest = 1500)]
    public Property Views_never_throw() =>
        PtEventProperties.NeverThrows(Lines.Any(), line => PtTorEvents.Parse(line));

    /// <summary>Single-line events (<c>650 </c>) of the captured tor 0.4.9 session and of the torspec/stem corpus.</summary>
    public static TheoryData<string, string> CorpusLines()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in new[] { "samples/transcripts/tor-0.4.9-control.s2c", "tests/PtToolkit.Tests/Control/Corpus/stem-unit.s2c", "tests/PtToolkit.Tests/Control/Corpus/torspec-examples.s2c" })
        {
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(RepositoryRoot(), file)));
            foreach (string line in text.Split("\r\n").Where(l => l.StartsWith("650 ", StringComparison.Ordinal)).Distinct()) data.Add(Path.GetFileName(file), line);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusLines))]
    public void Views_agree_with_the_reference_on_corpus_lines(string file, string line)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(line);
        var expected = Reference.Interpret(bytes);
        Assert.True(expected.Agrees(PtTorEvents.Parse(bytes), out string difference), $"{file}: {difference}");
    }

    [Fact]
    public void Every_event_line_of_the_real_tor_session_is_an_event_of_the_spec()
    {
        var lines = CorpusLines().Where(row => (string)row[0] == "tor-0.4.9-control.s2c").Select(row => (string)row[1]).Where(l => l != "650 OK").ToList();
        Assert.True(lines.Count > 50);
        Assert.All(lines, line => Assert.Equal(PtEventStatus.Event, Reference.Interpret(Encoding.Latin1.GetBytes(line)).Status));
    }

    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" }.Where(s => s.Length > 0))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Toolkit.sln"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Toolkit.sln not found above " + AppContext.BaseDirectory);
    }
}
