using System;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Grammar;

namespace PtToolkit.Testing.Control;

/// <summary>
/// Ready-made FsCheck properties for a parser of control-protocol events, run over lines generated from the events
/// as data (<see cref="PtEventLineGen"/>) and judged by <see cref="PtEventReference"/>. Use them in a
/// <c>[Property]</c> test (return the <see cref="Property"/>) or run them with <c>PtPropertyRunner</c>.
/// </summary>
public static class PtEventProperties
{
    /// <summary>The parser agrees with the reference on valid lines, near-misses and arbitrary bytes, and never throws.</summary>
    public static Property AgreesWithReference(PtEventGrammar grammar, PtEventLineParser parser) =>
        AgreesWithReference(new PtEventReference(grammar), new PtEventLineGen(grammar).Any(), parser);

    /// <summary>
    /// As <see cref="AgreesWithReference(PtEventGrammar, PtEventLineParser)"/>, over the lines of <paramref name="lines"/>:
    /// the same status, the same event, the same arguments.
    /// </summary>
    public static Property AgreesWithReference(PtEventReference reference, Gen<PtEventCase> lines, PtEventLineParser parser)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(parser);
        return Prop.ForAll(PtEventLineGen.Arbitrary(lines), line =>
        {
            var expected = reference.Interpret(line.Line);
            PtEventOutcome actual;
            try
            {
                actual = parser(line.Line);
            }
            catch (Exception e)
            {
                return Prop.Label(false, $"the parser threw {e.GetType().Name}: {e.Message}; reference: {expected}");
            }
            return Prop.Label(expected.Agrees(actual, out string difference), $"{difference}; reference: {expected}; parser: {actual}");
        });
    }

    /// <summary>
    /// Every valid line written from chosen values (<see cref="PtEventCase.Written"/>: named and unknown keywords, unknown
    /// enumerated words, escapes, bounds of numbers) reads back as its event with exactly those values.
    /// </summary>
    public static Property ReadsBackWhatWasWritten(Gen<PtEventCase> validLines, PtEventLineParser parser)
    {
        ArgumentNullException.ThrowIfNull(validLines);
        ArgumentNullException.ThrowIfNull(parser);
        return Prop.ForAll(PtEventLineGen.Arbitrary(validLines), line =>
        {
            // A shrunk line has no written values: it passes, so that shrinking keeps the whole failing line.
            if (line.Written is null) return Prop.Label(true, "");
            var written = PtEventOutcome.Event(line.Event, line.Written);
            return Prop.Label(written.Agrees(parser(line.Line), out string difference), $"{difference}; written: {written}");
        });
    }

    /// <summary>No line (valid, near-miss or arbitrary bytes) makes <paramref name="parser"/> throw.</summary>
    public static Property NeverThrows(Gen<PtEventCase> lines, Action<byte[]> parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        return Prop.ForAll(PtEventLineGen.Arbitrary(lines), line =>
        {
            parser(line.Line);
            return true;
        });
    }
}
