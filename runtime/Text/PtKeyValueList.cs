using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace PtToolkit.Text;

/// <summary>
/// An owned, ordered list of key/value pairs (SMETHOD ARGS, STATUS values) with value equality.
/// Keys may repeat, as the grammars allow it; <see cref="TryGetValue"/> gives the first.
/// </summary>
public sealed class PtKeyValueList : IReadOnlyList<KeyValuePair<string, string>>, IEquatable<PtKeyValueList>
{
    private readonly KeyValuePair<string, string>[] _pairs;

    /// <summary>Creates a list from pairs, in order.</summary>
    public PtKeyValueList(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        _pairs = pairs.ToArray();
    }

    private PtKeyValueList(KeyValuePair<string, string>[] pairs) => _pairs = pairs;

    /// <summary>Wraps an array that the caller made for this list and gives up (no copy).</summary>
    internal static PtKeyValueList Own(KeyValuePair<string, string>[] pairs) => new(pairs);

    /// <summary>Creates a list from (key, value) tuples, in order.</summary>
    public PtKeyValueList(params (string Key, string Value)[] pairs)
        : this(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)))
    {
    }

    /// <inheritdoc/>
    public int Count => _pairs.Length;

    /// <inheritdoc/>
    public KeyValuePair<string, string> this[int index] => _pairs[index];

    /// <summary>The value of the first pair with <paramref name="key"/>.</summary>
    public bool TryGetValue(string key, out string value)
    {
        foreach (var pair in _pairs)
        {
            if (pair.Key == key)
            {
                value = pair.Value;
                return true;
            }
        }
        value = "";
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(PtKeyValueList? other) => other is not null && _pairs.AsSpan().SequenceEqual(other._pairs);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PtKeyValueList);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var pair in _pairs) hash.Add(pair);
        return hash.ToHashCode();
    }

    /// <summary>The pairs as <c>{k=v, ...}</c>, for test output and logs.</summary>
    public override string ToString() => "{" + string.Join(", ", _pairs.Select(p => p.Key + "=" + p.Value)) + "}";
}
