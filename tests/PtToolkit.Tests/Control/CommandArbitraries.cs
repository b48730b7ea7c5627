using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Tests.Ipc;

namespace PtToolkit.Tests.Control;

/// <summary>SETCONF settings: bare keys, values any text without NUL or null (the key alone).</summary>
public sealed record ConfSettings(KeyValuePair<string, string?>[] Pairs)
{
    /// <inheritdoc/>
    public override string ToString() => string.Join(" ", Pairs.Select(p => p.Value is null ? p.Key : $"{p.Key}={LineText.Show(p.Value)}"));
}

/// <summary>One or more bare words (visible US-ASCII without <c>"</c>, <c>=</c> or <c>,</c>).</summary>
public sealed record WordList(string[] Items)
{
    /// <inheritdoc/>
    public override string ToString() => string.Join(" ", Items);
}

/// <summary>An ADD_ONION request: a key, flags or none, one or more ports.</summary>
public sealed record OnionRequest(string Key, string[]? Flags, string[] Ports)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Key} {(Flags is null ? "-" : string.Join(",", Flags))} {string.Join(" ", Ports)}";
}

/// <summary>A bare word with a CR, LF or NUL at <see cref="Offset"/>, for the argument <see cref="Target"/> (0 to 7) of a command.</summary>
public sealed record Injection(int Target, string Value, int Offset)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Target}: {LineText.Show(Value)} @{Offset}";
}

/// <summary>Arbitraries of the command formatter properties.</summary>
public static class CommandArbitraries
{
    private static readonly Gen<string> Word =
        Gen.Choose(0x21, 0x7E).Select(i => (char)i).Where(c => c is not ('"' or '=' or ',')).NonEmptyListOf().Select(l => new string(l.Take(12).ToArray()));

    private static readonly Gen<string> Text =
        Gen.Elements("a", "b c", "\r", "\n", "\r\n", "\"", "\\", "\t", "\u0001", "é", "€", "=", ",", "😀", "\\\"", " ").ListOf().Select(l => string.Concat(l.Take(10)));

    private static Gen<string[]> Words(int max) => Word.NonEmptyListOf().Select(l => l.Take(max).ToArray());

    /// <summary>One to six settings.</summary>
    public static Arbitrary<ConfSettings> Settings() => Arb.From(
        (from key in Word
         from value in Gen.Frequency((1, Gen.Constant<string?>(null)), (4, Text.Select(t => (string?)t)))
         select new KeyValuePair<string, string?>(key, value)).NonEmptyListOf().Select(l => new ConfSettings(l.Take(6).ToArray())));

    /// <summary>One to six words.</summary>
    public static Arbitrary<WordList> WordLists() => Arb.From(Words(6).Select(w => new WordList(w)));

    /// <summary>Keys such as <c>NEW:BEST</c> or any word; flags maybe; one to four ports.</summary>
    public static Arbitrary<OnionRequest> Onions() => Arb.From(
        from key in Gen.Frequency((1, Gen.Elements("NEW:BEST", "NEW:ED25519-V3", "ED25519-V3:a+b/c==")), (2, Word))
        from flags in Gen.Frequency((1, Gen.Constant<string[]?>(null)), (2, Words(3).Select(f => (string[]?)f)))
        from ports in Words(4)
        select new OnionRequest(key, flags, ports));

    /// <summary>A word with CR, LF or NUL put in at some offset.</summary>
    public static Arbitrary<Injection> Injections() => Arb.From(
        from target in Gen.Choose(0, 7)
        from word in Word
        from at in Gen.Choose(0, 12)
        from bad in Gen.Elements('\r', '\n', '\0')
        let offset = System.Math.Min(at, word.Length)
        select new Injection(target, word.Insert(offset, bad.ToString()), offset));
}
