using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PtToolkit.Text;

namespace PtToolkit.Config;

/// <summary>
/// TOR_PT_SERVER_TRANSPORT_OPTIONS / <c>-options</c>: per-transport options, in either of the documents' forms.
/// PT 1.0 §3.2.3: <c>transport:key=value</c> entries separated by <c>;</c>, with <c>\</c> escaping the next
/// character, for example <c>scramblesuit:key=banana;automata:rule=110;automata:depth=3</c>.
/// PT 2.2 §1.1.3: a JSON object of objects, <c>{"shadow": {"password": "x", "cipherName": "AES-128-GCM"}}</c>.
/// A value whose first non-whitespace character is <c>{</c> is read as JSON, any other as the 1.0 form.
/// </summary>
/// <remarks>
/// The 1.0 form's errors are goptlib's (<c>no colon in</c>, <c>no equals sign in</c>, <c>empty method name in</c>,
/// <c>empty key in</c>, <c>nothing following final escape in</c>) plus the offset; a trailing <c>;</c> and an empty
/// entry get their own message where goptlib says <c>no colon in ""</c>. A key may repeat (goptlib keeps every
/// value). An unescaped <c>=</c> inside a value is kept (<c>t:k=vv==</c>, base64 padding, as goptlib and tor do).
/// Deliberate difference: an unescaped <c>:</c> inside a value is refused. tor escapes <c>:</c>, <c>;</c> and
/// <c>\</c> in every option (transports.c, <c>tor_escape_str_for_pt_args(options, ":;\\")</c>), so an unescaped
/// colon only appears when entries were joined with the wrong separator: goptlib reads
/// <c>alpha:k1=v1,beta:k2=v2</c> as one option <c>k1</c> = <c>v1,beta:k2=v2</c> and silently loses beta's option;
/// this parser names the problem instead.
/// </remarks>
public static partial class PtServerTransportOptions
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "TOR_PT_SERVER_TRANSPORT_OPTIONS";

    private static readonly IReadOnlyDictionary<string, PtKeyValueList> Empty = PtOptionsMap.Empty;

    /// <summary>Parses either form (JSON when the value starts with <c>{</c>). An empty value is no options.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out IReadOnlyDictionary<string, PtKeyValueList> options, out PtConfigError error, string variable = Variable)
    {
        return value.TrimStart().StartsWith('{')
            ? TryParseJson(value, out options, out error, variable)
            : TryParseLegacy(value, out options, out error, variable);
    }

    /// <summary>Parses the PT 1.0 form <c>transport:key=value;...</c>. An empty value is no options.</summary>
    public static bool TryParseLegacy(ReadOnlySpan<char> value, out IReadOnlyDictionary<string, PtKeyValueList> options, out PtConfigError error, string variable = Variable)
    {
        options = Empty;
        error = default;
        if (value.IsEmpty) return true;
        // First pass: validate every entry and remember where its parts are; nothing is copied yet.
        int capacity = value.Count(';') + 1;
        Span<Entry> entries = capacity <= 16 ? stackalloc Entry[capacity] : new Entry[capacity];
        Span<int> groups = capacity <= 16 ? stackalloc int[capacity] : new int[capacity];
        int count = 0, groupCount = 0;
        int i = 0;
        while (true)
        {
            int begin = i;
            if (i == value.Length)
                return Fail(value, variable, i - 1, "trailing \";\" at offset " + Num(i - 1) + " (no entry after the last separator)", out error);
            if (value[i] == ';')
                return Fail(value, variable, i, "empty entry at offset " + Num(i), out error);

            if (!Scan(value, i, Stops.Method, out int end, out bool methodEscaped, out _))
                return Fail(value, variable, value.Length, "nothing following final escape in " + PtConfigText.Quote(value[begin..]), out error);
            if (end == value.Length || value[end] != ':')
                return Fail(value, variable, end, "no colon in " + PtConfigText.Quote(value[begin..end]), out error);
            if (end == begin)
                return Fail(value, variable, begin, "empty method name in " + PtConfigText.Quote(value[begin..EntryEnd(value, end)]), out error);
            var method = new Part(begin, end, methodEscaped);

            int keyStart = end + 1;
            if (!Scan(value, keyStart, Stops.Key, out end, out bool keyEscaped, out _))
                return Fail(value, variable, value.Length, "nothing following final escape in " + PtConfigText.Quote(value[keyStart..]), out error);
            if (end == value.Length || value[end] != '=')
                return Fail(value, variable, end, "no equals sign in " + PtConfigText.Quote(value[begin..end]), out error);
            if (end == keyStart)
                return Fail(value, variable, keyStart, "empty key in " + PtConfigText.Quote(value[begin..EntryEnd(value, end)]), out error);
            var key = new Part(keyStart, end, keyEscaped);

            int valueStart = end + 1;
            if (!Scan(value, valueStart, Stops.Value, out end, out bool valueEscaped, out int colonAt))
                return Fail(value, variable, value.Length, "nothing following final escape in " + PtConfigText.Quote(value[valueStart..]), out error);
            if (colonAt >= 0)
                return Fail(value, variable, colonAt, "unescaped \":\" at offset " + Num(colonAt) + " in the value of " + PtConfigText.Quote(method.Text(value)) + " option " +
                    PtConfigText.Quote(key.Text(value)) + " (tor escapes it as \"\\:\"; entries are separated by \";\", not \",\")", out error);

            int group = 0;
            while (group < groupCount && !method.SameText(entries[groups[group]].Method, value)) group++;
            if (group == groupCount) groups[groupCount++] = count;
            entries[count++] = new Entry(method, key, new Part(valueStart, end, valueEscaped), group);
            if (end == value.Length) break;
            i = end + 1;
        }
        options = Build(value, entries[..count], groups[..groupCount]);
        return true;
    }

    /// <summary>
    /// The PT 1.0 form as tor writes it: <c>transport:key=value</c> joined with <c>;</c>, escaping <c>\</c>,
    /// <c>:</c> and <c>;</c> in keys and values (tor's <c>tor_escape_str_for_pt_args(option, ":;\\")</c>), and
    /// also <c>=</c> in keys and transport names, which tor never needs, so that any key parses back.
    /// </summary>
    /// <exception cref="ArgumentException">A transport name or key is empty.</exception>
    public static string Format(IEnumerable<KeyValuePair<string, PtKeyValueList>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sb = new StringBuilder();
        foreach (var (transport, list) in options)
        {
            if (string.IsNullOrEmpty(transport)) throw new ArgumentException("empty transport name", nameof(options));
            ArgumentNullException.ThrowIfNull(list);
            foreach (var (key, value) in list)
            {
                if (string.IsNullOrEmpty(key)) throw new ArgumentException("empty option key for " + PtConfigText.Quote(transport), nameof(options));
                if (sb.Length > 0) sb.Append(';');
                Escape(sb, transport, ":;=\\");
                sb.Append(':');
                Escape(sb, key, ":;=\\");
                sb.Append('=');
                Escape(sb, value ?? "", ":;\\");
            }
        }
        // A first transport name that starts with '{' would read as JSON: escape that brace.
        int first = 0;
        while (first < sb.Length && char.IsWhiteSpace(sb[first])) first++;
        if (first < sb.Length && sb[first] == '{') sb.Insert(first, '\\');
        return sb.ToString();
    }

    private static void Escape(StringBuilder sb, string s, string special)
    {
        foreach (char c in s)
        {
            if (special.Contains(c)) sb.Append('\\');
            sb.Append(c);
        }
    }

    /// <summary>What ends a part of an entry: a method name ends at <c>:</c>, <c>=</c> or <c>;</c>, a key at <c>=</c> or <c>;</c>, a value at <c>;</c>.</summary>
    private enum Stops
    {
        Method,
        Key,
        Value,
    }

    /// <summary>
    /// Moves from <paramref name="start"/> to the first unescaped stop character (the end when there is none),
    /// noting whether a <c>\</c> escape was seen and, for a value, where the first unescaped <c>:</c> is. False when
    /// the text ends with a lone <c>\</c>. A scalar loop: parts are a few to a few dozen characters, too short for
    /// a vectorised search to pay for its setup.
    /// </summary>
    private static bool Scan(ReadOnlySpan<char> s, int start, Stops stops, out int end, out bool escaped, out int firstColon)
    {
        escaped = false;
        firstColon = -1;
        for (int i = start; i < s.Length; i++)
        {
            char c = s[i];
            if (c > '\\' || (c != '\\' && c != ';' && c != ':' && c != '=')) continue;
            if (c == '\\')
            {
                escaped = true;
                if (++i == s.Length)
                {
                    end = s.Length;
                    return false;
                }
            }
            else if (c == ';' || (c == '=' && stops != Stops.Value) || (c == ':' && stops == Stops.Method))
            {
                end = i;
                return true;
            }
            else if (c == ':' && stops == Stops.Value && firstColon < 0)
            {
                firstColon = i;
            }
        }
        end = s.Length;
        return true;
    }

    /// <summary>Second pass: one string per part, one exact-size pair array per transport, in order of first appearance.</summary>
    private static PtOptionsMap Build(ReadOnlySpan<char> value, ReadOnlySpan<Entry> entries, ReadOnlySpan<int> groups)
    {
        var result = new KeyValuePair<string, PtKeyValueList>[groups.Length];
        for (int g = 0; g < groups.Length; g++)
        {
            int size = 0;
            foreach (var entry in entries[groups[g]..]) if (entry.Group == g) size++;
            var pairs = new KeyValuePair<string, string>[size];
            int n = 0;
            foreach (var entry in entries[groups[g]..])
            {
                if (entry.Group == g) pairs[n++] = new KeyValuePair<string, string>(entry.Key.Text(value), entry.Value.Text(value));
            }
            var method = entries[groups[g]].Method;
            string name = method.Escaped ? method.Text(value) : PtConfigText.Keep(value[method.Start..method.End]);
            result[g] = new KeyValuePair<string, PtKeyValueList>(name, PtKeyValueList.Own(pairs));
        }
        return new PtOptionsMap(result);
    }

    /// <summary>Where a method name, key or value is in the input, and whether it holds escapes.</summary>
    private readonly record struct Part(int Start, int End, bool Escaped)
    {
        public string Text(ReadOnlySpan<char> s)
        {
            var raw = s[Start..End];
            if (!Escaped) return raw.ToString();
            int length = raw.Length;
            for (int i = raw.IndexOf('\\'); i >= 0 && i < raw.Length; i++)
            {
                if (raw[i] == '\\')
                {
                    length--;
                    i++;
                }
            }
            return string.Create(length, raw, static (text, escaped) =>
            {
                int n = 0;
                for (int i = 0; i < escaped.Length; i++) text[n++] = escaped[i] == '\\' ? escaped[++i] : escaped[i];
            });
        }

        public bool SameText(Part other, ReadOnlySpan<char> s) =>
            Escaped || other.Escaped ? Text(s) == other.Text(s) : s[Start..End].SequenceEqual(s[other.Start..other.End]);
    }

    private readonly record struct Entry(Part Method, Part Key, Part Value, int Group);

    /// <summary>The end of the entry that contains <paramref name="from"/>: the next unescaped <c>;</c> or the end.</summary>
    private static int EntryEnd(ReadOnlySpan<char> s, int from)
    {
        for (int i = from; i < s.Length; i++)
        {
            if (s[i] == '\\') i++;
            else if (s[i] == ';') return i;
        }
        return s.Length;
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static bool Fail(ReadOnlySpan<char> value, string variable, int offset, string message, out PtConfigError error)
    {
        error = new PtConfigError(PtConfigErrorKind.Env, variable, offset, PtConfigText.Quote(value) + ": " + message);
        return false;
    }
}
