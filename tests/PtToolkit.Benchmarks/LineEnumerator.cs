using System;

namespace PtToolkit.Benchmarks;

/// <summary>Walks LF-terminated lines with one IndexOf per line; each line keeps its LF.</summary>
public ref struct LineEnumerator
{
    private ReadOnlySpan<byte> _rest;

    /// <summary>Walks <paramref name="text"/>, whose last line ends in LF.</summary>
    public LineEnumerator(ReadOnlySpan<byte> text)
    {
        _rest = text;
        Current = default;
    }

    /// <summary>The current line, with its LF.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>This enumerator (for <c>foreach</c>).</summary>
    public readonly LineEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next line.</summary>
    public bool MoveNext()
    {
        if (_rest.IsEmpty) return false;
        int end = _rest.IndexOf((byte)'\n') + 1;
        if (end == 0) end = _rest.Length;
        Current = _rest[..end];
        _rest = _rest[end..];
        return true;
    }
}
