namespace PtToolkit.Generator.Reading;

internal enum TokenKind
{
    Word,
    String,
    Punct,
}

/// <summary>A token of a spec definition, with where it starts in the file (for diagnostics).</summary>
internal readonly record struct SpecToken(TokenKind Kind, string Text, int Offset, int Line, int Column)
{
    public bool Is(string punct) => Kind == TokenKind.Punct && Text == punct;

    public bool IsWord(string word) => Kind == TokenKind.Word && Text == word;

    public override string ToString() => Kind == TokenKind.String ? "\"" + Text + "\"" : Text;
}
