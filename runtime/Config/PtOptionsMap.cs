using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using PtToolkit.Text;

namespace PtToolkit.Config;

/// <summary>
/// The server transport options as parsed: transports in order of first appearance, each with its pairs. A PT
/// is given a handful of transports, so a lookup is a linear ordinal search over one array, which costs less than
/// hashing and allocates less than a <see cref="Dictionary{TKey, TValue}"/>. Read-only.
/// </summary>
internal sealed class PtOptionsMap : IReadOnlyDictionary<string, PtKeyValueList>
{
    private readonly KeyValuePair<string, PtKeyValueList>[] _entries;

    /// <summary>Takes <paramref name="entries"/> (distinct transport names) without copying them.</summary>
    public PtOptionsMap(KeyValuePair<string, PtKeyValueList>[] entries) => _entries = entries;

    public static PtOptionsMap Empty { get; } = new(Array.Empty<KeyValuePair<string, PtKeyValueList>>());

    public int Count => _entries.Length;

    public PtKeyValueList this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException("no options for transport " + PtConfigText.Quote(key));

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in _entries) yield return entry.Key;
        }
    }

    public IEnumerable<PtKeyValueList> Values
    {
        get
        {
            foreach (var entry in _entries) yield return entry.Value;
        }
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out PtKeyValueList value)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, PtKeyValueList>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, PtKeyValueList>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
