using System.Collections.Generic;
using System.Text.Json;
using PtToolkit.Text;

namespace PtToolkit.Cli.Ipc;

/// <summary>
/// Writes a message's fields as JSON properties named as in the spec. Key/value pairs become an object
/// <c>{"k":"v"}</c> in their order; when a key repeats, they become an array of <c>["k","v"]</c> pairs
/// instead, so that nothing is lost and the line can be written back as it was.
/// </summary>
internal sealed class JsonFieldWriter(Utf8JsonWriter json) : IPtFieldWriter
{
    /// <inheritdoc/>
    public void String(string name, string value) => json.WriteString(name, value);

    /// <inheritdoc/>
    public void Number(string name, long value) => json.WriteNumber(name, value);

    /// <inheritdoc/>
    public void Pairs(string name, PtKeyValueList pairs)
    {
        if (HasRepeatedKey(pairs))
        {
            json.WriteStartArray(name);
            foreach (var pair in pairs)
            {
                json.WriteStartArray();
                json.WriteStringValue(pair.Key);
                json.WriteStringValue(pair.Value);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            return;
        }
        json.WriteStartObject(name);
        foreach (var pair in pairs) json.WriteString(pair.Key, pair.Value);
        json.WriteEndObject();
    }

    private static bool HasRepeatedKey(PtKeyValueList pairs)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            if (!seen.Add(pair.Key)) return true;
        }
        return false;
    }
}
