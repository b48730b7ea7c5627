using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Grammar;

namespace PtToolkit.Testing.Generation;

/// <summary>
/// Near-misses: a valid line changed in one step. Whether the result is still valid is the reference's to say
/// (a doubled space inside a text field is still a text); most are not.
/// </summary>
public sealed partial class PtLineGen
{
    /// <summary>At least this many bytes for an over-long line (64 KiB, the launcher's default line limit, and more).</summary>
    public const int OverLongBytes = 64 * 1024 + 100;

    /// <summary>The near-miss steps, by the name a <see cref="PtLineCase"/> carries.</summary>
    public static IReadOnlyList<string> Mutations { get; } = new[]
    {
        "drop-field", "extra-field", "empty-field", "bad-escape", "port-range", "wrong-case", "double-space", "cr", "nul", "lf", "truncate", "over-long",
    };

    /// <summary>Near-misses of any message.</summary>
    public Gen<PtLineCase> NearMiss() => Gen.OneOf(Grammar.Messages.Select(m => NearMiss(m.Name)));

    /// <summary>Near-misses of the message <paramref name="messageName"/>.</summary>
    public Gen<PtLineCase> NearMiss(string messageName) =>
        Parts(Rule(messageName)).SelectMany(parts => Gen.Frequency(Steps(parts)).Select(step => new PtLineCase("near-miss", messageName, step.Name, step.Line)));

    private static IEnumerable<(int, Gen<(string Name, byte[] Line)>)> Steps(Segment[] parts)
    {
        int[] fields = Where(parts, p => p.Kind == PtItemKind.Field);
        int[] spaces = Where(parts, p => p.Kind == PtItemKind.Space);
        int[] escapable = Where(parts, p => p.FieldType is PtFieldType.QuotedString or PtFieldType.Args or PtFieldType.KeyValues);
        int[] ports = Where(parts, p => p.FieldType is PtFieldType.Port or PtFieldType.IpPort or PtFieldType.HostPort);
        int[] cased = Where(parts, p => (p.Kind == PtItemKind.Literal || p.FieldType == PtFieldType.Enum) && p.Bytes.Any(IsLetter));
        byte[] line = Join(parts);

        if (fields.Length > 0) yield return (3, Gen.Elements(fields).Select(i => ("drop-field", Join(Without(parts, i)))));
        yield return (2, Gen.Choose(0, fields.Length).SelectMany(i => PtFieldGen.Token.Select(extra => ("extra-field", Join(InsertAfter(parts, fields.Length == 0 ? parts.Length - 1 : fields[Math.Min(i, fields.Length - 1)], " "u8.ToArray(), extra))))));
        if (fields.Length > 0) yield return (1, Gen.Elements(fields).Select(i => ("empty-field", Join(Replace(parts, i, Array.Empty<byte>())))));
        if (escapable.Length > 0) yield return (3, Gen.Elements(escapable).SelectMany(i => BadEscape(parts[i]).Select(bad => ("bad-escape", Join(Replace(parts, i, bad))))));
        if (ports.Length > 0) yield return (3, Gen.Elements(ports).SelectMany(i => OutOfRange(parts[i]).Select(bad => ("port-range", Join(Replace(parts, i, bad))))));
        if (cased.Length > 0) yield return (3, Gen.Elements(cased).Select(i => ("wrong-case", Join(Replace(parts, i, FlipCase(parts[i].Bytes))))));
        if (spaces.Length > 0) yield return (3, Gen.Elements(spaces).Select(i => ("double-space", Join(Replace(parts, i, "  "u8.ToArray())))));
        yield return (2, Insert(line, (byte)'\r').Select(l => ("cr", l)));
        yield return (2, Insert(line, 0).Select(l => ("nul", l)));
        yield return (1, Insert(line, (byte)'\n').Where(l => l[^1] != (byte)'\n').Select(l => ("lf", l)));
        if (line.Length > 1) yield return (2, Gen.Choose(1, line.Length - 1).Select(n => ("truncate", line[..n])));
        if (fields.Length > 0) yield return (1, Gen.Elements(fields).Select(i => ("over-long", Join(Replace(parts, i, OverLong(parts[i]))))));
    }

    private static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    private static int[] Where(Segment[] parts, Func<Segment, bool> predicate) =>
        Enumerable.Range(0, parts.Length).Where(i => predicate(parts[i])).ToArray();

    /// <summary>The parts without field <paramref name="i"/> and the space before it.</summary>
    private static Segment[] Without(Segment[] parts, int i) =>
        parts.Where((_, k) => k != i && !(k == i - 1 && parts[k].Kind == PtItemKind.Space)).ToArray();

    private static Segment[] Replace(Segment[] parts, int i, byte[] bytes)
    {
        var copy = parts.ToArray();
        copy[i] = copy[i] with { Bytes = bytes };
        return copy;
    }

    private static Segment[] InsertAfter(Segment[] parts, int i, params byte[][] inserted) =>
        parts.Take(i + 1).Concat(inserted.Select(b => new Segment(PtItemKind.Field, PtFieldType.None, "", b))).Concat(parts.Skip(i + 1)).ToArray();

    private static Gen<byte[]> Insert(byte[] line, byte b) =>
        Gen.Choose(0, line.Length).Select(at => line[..at].Append(b).Concat(line[at..]).ToArray());

    private static byte[] FlipCase(byte[] word)
    {
        var flipped = (byte[])word.Clone();
        for (int i = 0; i < flipped.Length; i++)
        {
            if (IsLetter(flipped[i])) flipped[i] ^= 0x20;
        }
        return flipped;
    }

    /// <summary>The field with an escape its syntax does not define, or a backslash with nothing after it.</summary>
    private static Gen<byte[]> BadEscape(Segment field)
    {
        byte[] value = field.Bytes;
        if (field.FieldType == PtFieldType.Args)
            return Gen.Elements("\\", "\\ x", "=\\").Select(bad => value.Concat(Encoding.ASCII.GetBytes(bad)).ToArray());
        var badQuoted = Gen.Elements("\\q", "\\x4", "\\xg0", "\\400", "\\8", "\\", "\\ ");
        if (field.FieldType == PtFieldType.KeyValues)
            return badQuoted.Select(bad => value.Concat(Encoding.ASCII.GetBytes(" K=\"" + bad + "\"")).ToArray());
        bool quoted = value.Length >= 2 && value[0] == (byte)'"';
        // A bare value put in quotes keeps its meaning only with its backslashes and quotes escaped.
        byte[] inside = quoted ? value[1..^1] : value.SelectMany(b => b is (byte)'\\' or (byte)'"' ? new[] { (byte)'\\', b } : new[] { b }).ToArray();
        return badQuoted.Select(bad => Encoding.ASCII.GetBytes("\"").Concat(inside).Concat(Encoding.ASCII.GetBytes(bad + "\"")).ToArray());
    }

    /// <summary>The port (or the port of an address) above 65535, or longer than five digits.</summary>
    private static Gen<byte[]> OutOfRange(Segment field)
    {
        var port = Gen.OneOf(Gen.Choose(65536, 99999).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.Elements("000080", "123456", "4294967376"));
        if (field.FieldType == PtFieldType.Port) return port.Select(Encoding.ASCII.GetBytes);
        int colon = Array.LastIndexOf(field.Bytes, (byte)':');
        return port.Select(p => field.Bytes[..(colon + 1)].Concat(Encoding.ASCII.GetBytes(p)).ToArray());
    }

    /// <summary>The field made longer than <see cref="OverLongBytes"/>, in a form that is still its type where one exists.</summary>
    private static byte[] OverLong(Segment field)
    {
        byte fill = field.FieldType is PtFieldType.Port or PtFieldType.Number ? (byte)'7' : (byte)'a';
        var run = Enumerable.Repeat(fill, OverLongBytes).ToArray();
        return field.FieldType switch
        {
            PtFieldType.QuotedString => Encoding.ASCII.GetBytes("\"").Concat(run).Concat(Encoding.ASCII.GetBytes("\"")).ToArray(),
            PtFieldType.Args or PtFieldType.KeyValues => Encoding.ASCII.GetBytes("k=").Concat(run).ToArray(),
            _ => run,
        };
    }
}
