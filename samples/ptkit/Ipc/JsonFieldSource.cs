using System.Collections.Generic;
using System.Text.Json;
using PtToolkit.Text;

namespace PtToolkit.Cli.Ipc;

/// <summary>
/// Gives the properties of one JSON object as message fields (see <see cref="JsonFieldWriter"/> for the
/// forms). A JSON <c>null</c> counts as absent. A property of the wrong JSON type is absent too, and
/// <see cref="Mismatch"/> says which one and what was expected, so that the caller can report it.
/// </summary>
internal sealed class JsonFieldSource(JsonElement obj) : IPtFieldSource
{
    /// <summary>The first property found with a JSON type its field cannot take, described; or null.</summary>
    public string? Mismatch { get; private set; }

    /// <inheritdoc/>
    public bool TryGetString(string name, out string value)
    {
        value = "";
        if (!TryGet(name, out var element)) return false;
        if (element.ValueKind != JsonValueKind.String) return Reject(name, "a JSON string");
        value = element.GetString()!;
        return true;
    }

    /// <inheritdoc/>
    public bool TryGetNumber(string name, out long value)
    {
        value = 0;
        if (!TryGet(name, out var element)) return false;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out value)) return Reject(name, "an integer");
        return true;
    }

    /// <inheritdoc/>
    public bool TryGetPairs(string name, out PtKeyValueList pairs)
    {
        pairs = new PtKeyValueList();
        if (!TryGet(name, out var element)) return false;
        var list = new List<KeyValuePair<string, string>>();
        const string Expected = "an object of strings {\"k\":\"v\"} or an array of [\"k\",\"v\"] pairs";
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String) return Reject(name, Expected);
                list.Add(new(property.Name, property.Value.GetString()!));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 2
                    || item[0].ValueKind != JsonValueKind.String || item[1].ValueKind != JsonValueKind.String)
                    return Reject(name, Expected);
                list.Add(new(item[0].GetString()!, item[1].GetString()!));
            }
        }
        else
        {
            return Reject(name, Expected);
        }
        pairs = new PtKeyValueList(list);
        return true;
    }

    private bool TryGet(string name, out JsonElement element) =>
        obj.TryGetProperty(name, out element) && element.ValueKind != JsonValueKind.Null;

    private bool Reject(string name, string expected)
    {
        Mismatch ??= $"field '{name}' must be {expected}";
        return false;
    }
}
