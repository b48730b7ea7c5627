using System;

namespace PtToolkit.Benchmarks;

/// <summary>
/// The reference span tokenizer of TOOLCHAIN.md: it only finds the keyword and counts the spaces of a line,
/// validating nothing. It shows what recognising the message kind costs, without reading any field.
/// </summary>
public static class SpanTokenizer
{
    /// <summary>A number made of the keyword's kind and the line's space count.</summary>
    public static int Tokenize(ReadOnlySpan<byte> line)
    {
        int space = line.IndexOf((byte)' ');
        var keyword = space < 0 ? line : line[..space];
        int kind = keyword.Length switch
        {
            3 when keyword.SequenceEqual("LOG"u8) => 1,
            6 when keyword.SequenceEqual("STATUS"u8) => 2,
            7 when keyword.SequenceEqual("CMETHOD"u8) => 3,
            7 when keyword.SequenceEqual("SMETHOD"u8) => 4,
            7 when keyword.SequenceEqual("VERSION"u8) => 5,
            8 when keyword.SequenceEqual("CMETHODS"u8) => 6,
            8 when keyword.SequenceEqual("SMETHODS"u8) => 7,
            _ => 0,
        };
        return kind * 256 + line.Count((byte)' ');
    }
}
