using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Grammar;
using PtToolkit.Testing.Generation;
using PtToolkit.Testing.Reference;

namespace PtToolkit.Testing.Properties;

/// <summary>A parser under test that gives its own message type: true and the message, or false.</summary>
/// <typeparam name="TMessage">The parser's message type.</typeparam>
public delegate bool PtTryParse<TMessage>(ReadOnlySpan<byte> line, [NotNullWhen(true)] out TMessage? message) where TMessage : class;

/// <summary>
/// Ready-made FsCheck properties for a parser of a spec's lines, run over lines generated from its grammar
/// (<see cref="PtLineGen"/>) and judged by the reference interpreter (<see cref="PtReferenceParser"/>). Use them in a
/// <c>[Property]</c> test (return the <see cref="Property"/>) or run them with <see cref="PtPropertyRunner"/>.
/// </summary>
public static class PtGrammarProperties
{
    /// <summary>
    /// The parser agrees with the reference on valid lines, near-misses and arbitrary bytes (same status, same
    /// message, same fields when the parser reports them) and never throws. <paramref name="dialects"/> restricts
    /// the messages both sides accept (null: all).
    /// </summary>
    public static Property AgreesWithReference(PtGrammar grammar, PtLineParser parser, IReadOnlyCollection<string>? dialects = null) =>
        AgreesWithReference(new PtReferenceParser(grammar), new PtLineGen(grammar).Any(), parser, dialects);

    /// <summary>As <see cref="AgreesWithReference(PtGrammar, PtLineParser, IReadOnlyCollection{string})"/>, over the lines of <paramref name="lines"/>.</summary>
    public static Property AgreesWithReference(PtReferenceParser reference, Gen<PtLineCase> lines, PtLineParser parser, IReadOnlyCollection<string>? dialects = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(parser);
        return Prop.ForAll(PtLineGen.Arbitrary(lines), line =>
        {
            var expected = reference.Interpret(line.Line, dialects);
            PtLineOutcome actual;
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

    /// <summary>No line (valid, near-miss or arbitrary bytes) makes <paramref name="parser"/> throw.</summary>
    public static Property NeverThrows(PtGrammar grammar, Action<byte[]> parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        return Prop.ForAll(PtLineGen.Arbitrary(new PtLineGen(grammar).Any()), line =>
        {
            parser(line.Line);
            return true;
        });
    }

    /// <summary>
    /// Every valid line parses; formatting the message gives a line that the reference reads as a message and that
    /// parses back to an equal message (<paramref name="comparer"/>, record equality by default), and formatting that
    /// one gives the same bytes. <paramref name="format"/> returns the line (a final LF is allowed), or null when it refuses.
    /// </summary>
    public static Property RoundTrips<TMessage>(PtGrammar grammar, PtTryParse<TMessage> parse, Func<TMessage, byte[]?> format, IEqualityComparer<TMessage>? comparer = null)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(format);
        var reference = new PtReferenceParser(grammar);
        var equal = comparer ?? EqualityComparer<TMessage>.Default;
        return Prop.ForAll(PtLineGen.Arbitrary(new PtLineGen(grammar).Valid()), line =>
            Prop.When(reference.Interpret(line.Line).Status == PtLineStatus.Message, () => RoundTrip(reference, parse, format, equal, line.Line)));
    }

    private static Property RoundTrip<TMessage>(PtReferenceParser reference, PtTryParse<TMessage> parse, Func<TMessage, byte[]?> format, IEqualityComparer<TMessage> equal, byte[] line)
        where TMessage : class
    {
        if (!parse(line, out var message)) return Prop.Label(false, "a valid line was refused");
        byte[]? formatted = format(message);
        if (formatted is null) return Prop.Label(false, $"the formatter refused {message}");
        var again = reference.Interpret(formatted);
        if (again.Status != PtLineStatus.Message) return Prop.Label(false, $"the formatted line {PtShow.Bytes(formatted)} is {again} for the reference");
        if (!parse(formatted, out var back)) return Prop.Label(false, $"the formatted line {PtShow.Bytes(formatted)} does not parse");
        if (!equal.Equals(message, back)) return Prop.Label(false, $"parsed back as {back}, not {message}");
        byte[]? twice = format(back);
        return Prop.Label(twice is not null && twice.AsSpan().SequenceEqual(formatted), $"formatting again gave {(twice is null ? "nothing" : PtShow.Bytes(twice))}, not {PtShow.Bytes(formatted)}");
    }
}
