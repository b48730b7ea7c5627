using System;
using System.Collections.Generic;
using System.Text;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>One argument of a command line as read back: its bytes as sent, and its key and decoded value when it is <c>key=value</c>.</summary>
public sealed record CommandArgument(string Raw, string? Key, string Value);

/// <summary>
/// A small reference reader of one encoded command (control-spec §2.2), written apart from the builder: the line
/// must end in its only CRLF; arguments are split at spaces outside quoted strings; <c>key=value</c> is split at
/// the first <c>=</c> before any quote, and a quoted value is decoded as Tor decodes a QuotedString.
/// </summary>
public static class CommandLineReader
{
    /// <summary>The keyword and the arguments of a single-line command; fails the test on a malformed line.</summary>
    public static (string Keyword, List<CommandArgument> Arguments) Read(ReadOnlySpan<byte> encoded)
    {
        Assert.True(encoded.Length >= 2 && encoded[^2] == (byte)'\r' && encoded[^1] == (byte)'\n', "a command ends in CRLF");
        var line = encoded[..^2];
        Assert.True(line.IndexOfAny((byte)'\r', (byte)'\n') < 0, "one line, no CR or LF inside");
        Assert.True(line.IndexOf((byte)0) < 0, "no NUL");
        int space = line.IndexOf((byte)' ');
        string keyword = Encoding.ASCII.GetString(space < 0 ? line : line[..space]);
        var arguments = new List<CommandArgument>();
        int pos = space < 0 ? line.Length : space;
        while (pos < line.Length)
        {
            Assert.Equal((byte)' ', line[pos]);
            int start = ++pos;
            while (pos < line.Length && line[pos] != (byte)' ')
            {
                if (line[pos] != (byte)'"') { pos++; continue; }
                Assert.True(TorQuotedString.TryScan(line, pos, out int end), "a closed quoted string");
                pos = end;
            }
            arguments.Add(ReadArgument(line[start..pos]));
        }
        return (keyword, arguments);
    }

    private static CommandArgument ReadArgument(ReadOnlySpan<byte> argument)
    {
        Assert.False(argument.IsEmpty, "no empty argument");
        string raw = Encoding.UTF8.GetString(argument);
        int equals = argument.IndexOf((byte)'=');
        int quote = argument.IndexOf((byte)'"');
        if (equals > 0 && (quote < 0 || equals < quote))
            return new CommandArgument(raw, Encoding.ASCII.GetString(argument[..equals]), Value(argument[(equals + 1)..]));
        return new CommandArgument(raw, null, Value(argument));
    }

    private static string Value(ReadOnlySpan<byte> value) =>
        value.Length >= 2 && value[0] == (byte)'"' ? TorQuotedString.Decode(value[1..^1]) : Encoding.UTF8.GetString(value);
}
