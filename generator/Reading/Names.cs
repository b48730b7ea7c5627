using System.Linq;
using System.Text;

namespace PtToolkit.Generator.Reading;

/// <summary>Name rules of the spec language and the C# names derived from spec names.</summary>
internal static class Names
{
    public static bool IsPascalIdentifier(string s) =>
        s.Length > 0 && s[0] is >= 'A' and <= 'Z' && s.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_');

    public static bool IsCamelIdentifier(string s) =>
        s.Length > 0 && s[0] is >= 'a' and <= 'z' && s.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9');

    /// <summary>KeywordChar (pt-1.0 §3.3): US-ASCII alphanumeric, dash and underscore.</summary>
    public static bool IsKeywordText(string s) =>
        s.Length > 0 && s.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_');

    /// <summary>A literal of a rule: visible US-ASCII without a space (spaces are the SP item).</summary>
    public static bool IsLiteralText(string s) => s.Length > 0 && s.All(c => c is > ' ' and <= '~');

    /// <summary><c>transparent-TCP</c> → <c>TransparentTcp</c>; <c>socks5</c> → <c>Socks5</c>.</summary>
    public static string ToPascal(string text)
    {
        var sb = new StringBuilder();
        bool upper = true;
        foreach (char c in text)
        {
            if (c is '-' or '_') { upper = true; continue; }
            sb.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            upper = false;
        }
        return sb.ToString();
    }

    /// <summary><c>errorType</c> → <c>ErrorType</c>.</summary>
    public static string Property(string fieldName) => char.ToUpperInvariant(fieldName[0]) + fieldName.Substring(1);
}
