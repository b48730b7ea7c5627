using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Testing.Generation;

namespace PtToolkit.Testing.Control;

/// <summary>Arbitrary bytes: random, or pieces of the events' words and the bytes that break lines put together.</summary>
public sealed partial class PtEventLineGen
{
    /// <summary>Arbitrary lines: uniform random bytes, and <c>650 </c> followed by a soup of event names, keys, quotes, escapes and random bytes.</summary>
    public Gen<PtEventCase> Bytes()
    {
        var words = Grammar.Events.Select(e => e.Keyword)
            .Concat(Grammar.Events.SelectMany(e => e.Keywords).Select(k => k.Key + "="))
            .Concat(Grammar.Events.SelectMany(e => e.Positionals.Concat(e.Keywords)).Where(f => f.Enum is not null).SelectMany(f => f.Enum!.Members.Select(m => m.Text)))
            .Distinct().Select(Ascii).ToArray();
        var randomByte = Gen.Choose(0, 255).Select(b => new[] { (byte)b });
        var special = Gen.Elements(" ", "  ", "\r", "\n", "\0", "\"", "\\", "\\\"", "=", "\t", "\r\n", "650 ", "1", "99999999999999999999").Select(Ascii);
        var piece = Gen.Frequency((4, Gen.Elements(words)), (4, special), (2, PtFieldGen.Token), (2, randomByte));
        var uniform = PtFieldGen.Between(Gen.Choose(0, 255).Select(b => (byte)b), 0, 80);
        var soup = PtFieldGen.Between(piece, 0, 16).Select(EventBytes.Concat);
        var named = Gen.Elements(words.Take(Grammar.Events.Count).ToArray()).SelectMany(name => soup.Select(tail => EventBytes.Concat(Ascii("650 "), name, Ascii(" "), tail)));
        var prefixed = soup.Select(tail => EventBytes.Concat(Ascii("650 "), tail));
        return Gen.Frequency((1, uniform), (1, soup), (3, named), (2, prefixed)).Select(line => new PtEventCase("bytes", "", "", line));
    }
}
