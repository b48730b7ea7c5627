using System.Collections.Generic;

namespace PtToolkit.Generator.Reading;

/// <summary>
/// One declaration of a spec file: the line that starts at column 0 plus its indented continuation
/// lines (the definition), then its indented attribute lines.
/// </summary>
internal sealed class SpecDeclaration
{
    public List<SpecToken> Definition { get; } = new();

    public List<SpecAttributeLine> Attributes { get; } = new();
}

/// <summary>An attribute line: <c>section ...</c>, <c>stream ...</c>, <c>exit ...</c>, <c>dialects ...</c> or a <c>&gt;</c> doc line.</summary>
internal sealed record SpecAttributeLine(SpecToken Keyword, string Rest, List<SpecToken> Tokens);
