using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using PtToolkit.Text;

namespace PtToolkit.Config;

public static partial class PtServerTransportOptions
{
    /// <summary>
    /// Parses the PT 2.2 JSON form: an object whose members are transports, each an object whose members are
    /// options. Option values are JSON strings; numbers and <c>true</c>/<c>false</c> are kept as their JSON text.
    /// </summary>
    /// <remarks>
    /// The document's own example (<c>{shadow: {password: "password", ...}}</c>, §1.1.3) has unquoted names and
    /// unbalanced quotes; it is not JSON and is refused, as strict JSON readers do. Duplicate transport names or
    /// duplicate keys inside one transport, <c>null</c>, nested objects and arrays as values, comments and
    /// trailing commas are refused.
    /// </remarks>
    public static bool TryParseJson(ReadOnlySpan<char> value, out IReadOnlyDictionary<string, PtKeyValueList> options, out PtConfigError error, string variable = Variable)
    {
        options = new Dictionary<string, PtKeyValueList>();
        error = default;
        byte[] utf8;
        try
        {
            utf8 = new UTF8Encoding(false, true).GetBytes(value.ToArray());
        }
        catch (EncoderFallbackException)
        {
            return Fail(value, variable, 0, "not valid UTF-16 text (lone surrogate)", out error);
        }
        var collected = new Dictionary<string, PtKeyValueList>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return JsonFail(value, utf8, reader, variable, "expected a JSON object of transports", out error);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string transport = reader.GetString()!;
                if (transport.Length == 0) return JsonFail(value, utf8, reader, variable, "empty transport name", out error);
                if (collected.ContainsKey(transport)) return JsonFail(value, utf8, reader, variable, "transport " + PtConfigText.Quote(transport) + " appears twice", out error);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    return JsonFail(value, utf8, reader, variable, "the options of " + PtConfigText.Quote(transport) + " must be a JSON object", out error);
                var pairs = new List<KeyValuePair<string, string>>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string key = reader.GetString()!;
                    if (key.Length == 0) return JsonFail(value, utf8, reader, variable, "empty key in the options of " + PtConfigText.Quote(transport), out error);
                    foreach (var p in pairs)
                    {
                        if (p.Key == key) return JsonFail(value, utf8, reader, variable, "key " + PtConfigText.Quote(key) + " appears twice in the options of " + PtConfigText.Quote(transport), out error);
                    }
                    reader.Read();
                    string text;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String: text = reader.GetString()!; break;
                        case JsonTokenType.Number:
                        case JsonTokenType.True:
                        case JsonTokenType.False:
                            text = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                            break;
                        default:
                            return JsonFail(value, utf8, reader, variable, "the value of " + PtConfigText.Quote(transport) + " option " + PtConfigText.Quote(key) + " must be a string, number or boolean", out error);
                    }
                    pairs.Add(new KeyValuePair<string, string>(key, text));
                }
                collected.Add(transport, PtKeyValueList.Own(pairs.ToArray()));
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return JsonFail(value, utf8, reader, variable, "expected a transport name", out error);
            if (reader.Read())
                return JsonFail(value, utf8, reader, variable, "unexpected text after the JSON object", out error);
        }
        catch (JsonException e)
        {
            long pos = Math.Min(e.BytePositionInLine ?? 0, utf8.Length);
            int offset = Encoding.UTF8.GetCharCount(utf8, 0, (int)pos);
            return Fail(value, variable, offset, "not valid JSON at offset " + Num(offset), out error);
        }
        options = collected;
        return true;
    }

    /// <summary>The PT 2.2 JSON form, compact, option values as JSON strings.</summary>
    /// <exception cref="ArgumentException">A transport name or key is empty or repeated.</exception>
    public static string FormatJson(IEnumerable<KeyValuePair<string, PtKeyValueList>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            writer.WriteStartObject();
            foreach (var (transport, list) in options)
            {
                if (string.IsNullOrEmpty(transport) || !seen.Add(transport)) throw new ArgumentException("empty or repeated transport name", nameof(options));
                ArgumentNullException.ThrowIfNull(list);
                writer.WriteStartObject(transport);
                var keys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (key, v) in list)
                {
                    if (string.IsNullOrEmpty(key) || !keys.Add(key)) throw new ArgumentException("empty or repeated key for " + PtConfigText.Quote(transport), nameof(options));
                    writer.WriteString(key, v ?? "");
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool JsonFail(ReadOnlySpan<char> value, byte[] utf8, Utf8JsonReader reader, string variable, string message, out PtConfigError error)
    {
        int pos = (int)Math.Min(reader.TokenStartIndex, utf8.Length);
        int offset = Encoding.UTF8.GetCharCount(utf8, 0, pos);
        return Fail(value, variable, offset, message + " at offset " + Num(offset), out error);
    }
}
