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

    private static readonly IReadOnlyDictionary<string, PtKeyValueList> Empty = new Dictionary<string, PtKeyValueList>();

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
        // Transports in order of first appearance with their pairs; few enough that a linear search beats hashing.
        var collected = new List<(string Method, List<KeyValuePair<string, string>> Pairs)>();
        Span<char> methodScratch = stackalloc char[64];
        Span<char> scratch = stackalloc char[256];
        int i = 0;
        while (value.Length > 0)
        {
            int begin = i;
            if (i == value.Length)
                return Fail(value, variable, i - 1, "trailing \";\" at offset " + Num(i - 1) + " (no entry after the last separator)", out error);
            if (value[i] == ';')
                return Fail(value, variable, i, "empty entry at offset " + Num(i), out error);

            if (!ScanInto(value, i, ":=;", methodScratch, out int end, out var methodText, out _))
                return Fail(value, variable, value.Length, "nothing following final escape in " + PtConfigText.Quote(value[begin..]), out error);
            if (end == value.Length || value[end] != ':')
                return Fail(value, variable, end, "no colon in " + PtConfigText.Quote(value[begin..end]), out error);
            if (methodText.Length == 0)
                return Fail(value, variable, begin, "empty method name in " + PtConfigText.Quote(value[begin..EntryEnd(value, end)]), out error);

            int keyStart = end + 1;
            if (!ScanInto(value, keyStart, "=;", scratch, out end, out var keyText, out _))
                return Fail(value, variable, value.Length, "nothing following final escape in " + PtConfigText.Quote(value[keyStart..]), out error);
            if (end == value.Length || value[end] != '=')
                return Fail(value, variable, end, "no equals sign in " + PtConfigText.Quote(value[begin..end]), out error);
            if (keyText.Length == 0)
                return Fail(value, variable, keyStart, "empty key in " + PtConfigText.Quote(value[begin..EntryEnd(value, end)]), out error);

            string key = keyText.ToString();
            int valueStart = end + 1;
            if (!ScanInto(value, valueStart, ";", scratch, out end, out var valueText, out int colonAt))
                return Fail(value, variable, value.Length, "nothing following final escape in " + PtConfigText.Quote(value[valueStart..]), out error);
            if (colonAt >= 0)
                return Fail(value, variable, colonAt, "unescaped \":\" at offset " + Num(colonAt) + " in the value of " + PtConfigText.Quote(methodText) + " option " +
                    PtConfigText.Quote(key) + " (tor escapes it as \"\\:\"; entries are separated by \";\", not \",\")", out error);

            int known = IndexOf(collected, methodText);
            if (known < 0)
            {
                known = collected.Count;
                collected.Add((methodText.ToString(), new List<KeyValuePair<string, string>>()));
            }
            collected[known].Pairs.Add(new KeyValuePair<string, string>(key, valueText.ToString()));
            if (end == value.Length) break;
            i = end + 1;
        }
        options = ToOptions(collected);
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

    /// <summary>
    /// Reads from <paramref name="start"/> up to an unescaped character of <paramref name="stops"/> or the end,
    /// unescaping. When nothing is escaped (the usual case) <paramref name="text"/> is a slice of the input;
    /// otherwise it is written into <paramref name="scratch"/>, or into a new buffer when that is too small.
    /// False when the text ends with a lone backslash.
    /// </summary>
    private static bool ScanInto(ReadOnlySpan<char> s, int start, string stops, Span<char> scratch, out int end, out ReadOnlySpan<char> text, out int firstColon)
    {
        firstColon = -1;
        var segment = s[start..];
        int stop = segment.IndexOfAny(stops.AsSpan());
        int slash = segment.IndexOf('\\');
        if (slash < 0 || (stop >= 0 && stop < slash))
        {
            end = stop < 0 ? s.Length : start + stop;
            text = s[start..end];
            int colon = text.IndexOf(':');
            if (colon >= 0) firstColon = start + colon;
            return true;
        }
        var buffer = segment.Length <= scratch.Length ? scratch : new char[segment.Length];
        int length = 0;
        int i = start;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (stops.Contains(c)) break;
            if (c == '\\')
            {
                if (++i == s.Length)
                {
                    end = i;
                    text = default;
                    return false;
                }
                c = s[i];
            }
            else if (c == ':' && firstColon < 0)
            {
                firstColon = i;
            }
            buffer[length++] = c;
        }
        end = i;
        text = buffer[..length];
        return true;
    }

    private static Dictionary<string, PtKeyValueList> ToOptions(List<(string Method, List<KeyValuePair<string, string>> Pairs)> collected)
    {
        var result = new Dictionary<string, PtKeyValueList>(collected.Count, StringComparer.Ordinal);
        foreach (var (method, pairs) in collected) result.Add(method, new PtKeyValueList(pairs));
        return result;
    }

    private static int IndexOf(List<(string Method, List<KeyValuePair<string, string>> Pairs)> collected, ReadOnlySpan<char> method)
    {
        for (int k = 0; k < collected.Count; k++)
        {
            if (method.SequenceEqual(collected[k].Method)) return k;
        }
        return -1;
    }

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
