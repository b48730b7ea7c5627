using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using PtToolkit.Text;

namespace PtToolkit.Socks;

/// <summary>
/// The JSON parameter block of SOCKS method X'09' (pt-2.2 §1.4): a 4-byte big-endian length, then a UTF-8 JSON
/// object whose keys and values are strings ("the keys and values are inserted into a map"). A block that is not
/// such an object (not JSON, another value, a nested or non-string value, an empty or repeated key, text after the
/// object) is refused: a map cannot hold a repeated key, and X'12' is for settings that are "not properly encoded".
/// </summary>
internal static class PtSocksJson
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 2 };
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads the object. On failure <paramref name="errorOffset"/> is where in <paramref name="json"/> it went wrong.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out PtKeyValueList arguments, out int errorOffset)
    {
        arguments = PtSocksArgs.None;
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            errorOffset = PtSocksArgs.FirstInvalidUtf8(json);
            return false;
        }
        if (!TryScan(json, null, out int count, out errorOffset)) return false;
        if (count == 0) return true;
        var pairs = new KeyValuePair<string, string>[count];
        if (!TryScan(json, pairs, out _, out errorOffset)) return false;
        for (int i = 1; i < pairs.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (pairs[i].Key != pairs[j].Key) continue;
                errorOffset = json.Length;
                return false;
            }
        }
        arguments = new PtKeyValueList(pairs);
        return true;
    }

    /// <summary>One pass over the object: counts the pairs, and fills <paramref name="pairs"/> when given.</summary>
    private static bool TryScan(ReadOnlySpan<byte> json, KeyValuePair<string, string>[]? pairs, out int count, out int errorOffset)
    {
        count = 0;
        errorOffset = 0;
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Fail(reader, out errorOffset);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueSpan.IsEmpty) return Fail(reader, out errorOffset);
                string? key = pairs is null ? null : reader.GetString();
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return Fail(reader, out errorOffset);
                if (pairs is not null) pairs[count] = new(key!, reader.GetString()!);
                count++;
            }
            if (reader.TokenType != JsonTokenType.EndObject) return Fail(reader, out errorOffset);
            if (reader.Read()) return Fail(reader, out errorOffset);
            return true;
        }
        catch (JsonException)
        {
            errorOffset = (int)reader.BytesConsumed;
            return false;
        }
        catch (InvalidOperationException)
        {
            errorOffset = (int)reader.TokenStartIndex;
            return false;
        }
    }

    private static bool Fail(in Utf8JsonReader reader, out int errorOffset)
    {
        errorOffset = (int)reader.TokenStartIndex;
        return false;
    }

    /// <summary>
    /// The whole block, length prefix included, for <paramref name="arguments"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A key is empty or repeated, or a key or value holds a lone surrogate.</exception>
    public static byte[] Format(IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var output = new ArrayBufferWriter<byte>();
        output.Write(stackalloc byte[4]);
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in arguments)
            {
                if (string.IsNullOrEmpty(key)) throw new ArgumentException("an argument key is empty", nameof(arguments));
                if (!seen.Add(key)) throw new ArgumentException("an argument key is repeated; a JSON parameter block is a map", nameof(arguments));
                writer.WriteString(key, value ?? "");
            }
            writer.WriteEndObject();
        }
        byte[] block = output.WrittenSpan.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(block, (uint)(block.Length - 4));
        return block;
    }
}
