using System.Collections.Generic;
using System.Text;

namespace PtToolkit.Generator.Reading;

/// <summary>Splits one physical line of a spec definition into tokens.</summary>
internal static class SpecLexer
{
    private const string Punctuation = "=|[]()/:;,*+";

    /// <summary>Index of a '#' comment start outside quoted strings, or -1.</summary>
    public static int CommentStart(string line)
    {
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '\\') i++;
            else if (c == '"') quoted = !quoted;
            else if (c == '#' && !quoted) return i;
        }
        return -1;
    }

    public static bool IsWordChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.' or '§';

    /// <summary>
    /// Tokenizes <paramref name="text"/> (a line without its comment). Returns false with
    /// <paramref name="errorColumn"/> and <paramref name="error"/> on a bad character or an unterminated string.
    /// </summary>
    public static bool TryTokenize(string text, int lineOffset, int lineNumber, List<SpecToken> tokens, out int errorColumn, out string error)
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is ' ' or '\t') { i++; continue; }
            int start = i;
            if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    sb.Append(text[i]);
                    i++;
                }
                if (i >= text.Length)
                {
                    errorColumn = start;
                    error = "Unterminated string literal";
                    return false;
                }
                i++;
                tokens.Add(new SpecToken(TokenKind.String, sb.ToString(), lineOffset + start, lineNumber, start));
            }
            else if (Punctuation.IndexOf(c) >= 0)
            {
                i++;
                tokens.Add(new SpecToken(TokenKind.Punct, c.ToString(), lineOffset + start, lineNumber, start));
            }
            else if (IsWordChar(c))
            {
                while (i < text.Length && IsWordChar(text[i])) i++;
                tokens.Add(new SpecToken(TokenKind.Word, text.Substring(start, i - start), lineOffset + start, lineNumber, start));
            }
            else
            {
                errorColumn = start;
                error = $"Unexpected character '{c}'";
                return false;
            }
        }
        errorColumn = 0;
        error = "";
        return true;
    }
}
