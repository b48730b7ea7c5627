using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Grammar;

namespace PtToolkit.Testing.Generation;

/// <summary>Arbitrary bytes: random, or pieces of the grammar's words and the bytes that break lines put together.</summary>
public sealed partial class PtLineGen
{
    /// <summary>Arbitrary lines: uniform random bytes, soups of the grammar's literals and line-breaking bytes, a literal then random bytes.</summary>
    public Gen<PtLineCase> Bytes()
    {
        var literals = Grammar.Messages.SelectMany(m => Literals(m.Items)).Distinct().Select(l => Encoding.ASCII.GetBytes(l)).ToArray();
        var randomByte = Gen.Choose(0, 255).Select(b => new[] { (byte)b });
        var special = Gen.Elements(" ", "  ", "\r", "\n", "\0", "\"", "\\", "=", ",", ":", "[", "]", ".", "\t", "\r\n").Select(s => Encoding.ASCII.GetBytes(s));
        var piece = Gen.Frequency((3, Gen.Elements(literals)), (3, special), (2, PtFieldGen.Token), (1, PtFieldGen.IpPort), (2, randomByte));
        var uniform = PtFieldGen.Between(Gen.Choose(0, 255).Select(b => (byte)b), 0, 80);
        var soup = PtFieldGen.Between(piece, 0, 16).Select(PtFieldGen.Concat);
        var prefixed = Gen.Elements(literals).SelectMany(l => uniform.Select(tail => l.Concat(" "u8.ToArray()).Concat(tail).ToArray()));
        return Gen.Frequency((1, uniform), (3, soup), (2, prefixed)).Select(line => new PtLineCase("bytes", "", "", line));
    }

    private static System.Collections.Generic.IEnumerable<string> Literals(System.Collections.Generic.IReadOnlyList<PtRuleItem> items) =>
        items.SelectMany(i => i.Kind switch
        {
            PtItemKind.Literal => i.Literals,
            PtItemKind.Optional => Literals(i.Children),
            _ => Enumerable.Empty<string>(),
        });
}
