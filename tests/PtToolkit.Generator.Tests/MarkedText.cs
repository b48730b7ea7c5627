using System;
using Microsoft.CodeAnalysis.Text;

namespace PtToolkit.Generator.Tests;

/// <summary>
/// A text with one <see cref="Marker"/> where a diagnostic is expected: the marker is removed, and its
/// 0-based line and column (as <see cref="LinePosition"/>) are kept.
/// </summary>
internal readonly record struct MarkedText(string Text, LinePosition Position)
{
    /// <summary>The marker: a character that neither the spec language nor the C# tests use.</summary>
    public const char Marker = '⟪';

    public static MarkedText Parse(string marked)
    {
        int at = marked.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || marked.IndexOf(Marker, at + 1) >= 0) throw new ArgumentException("Exactly one marker is expected.", nameof(marked));
        string before = marked.Substring(0, at);
        int line = before.Split('\n').Length - 1;
        int column = at - (before.LastIndexOf('\n') + 1);
        return new MarkedText(marked.Remove(at, 1), new LinePosition(line, column));
    }
}
