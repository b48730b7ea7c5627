using System.Text;
using PtToolkit.Text;

namespace PtToolkit.Cli.Demo;

/// <summary>Renders a message's fields as <c>name=value</c> words for a human reader.</summary>
internal sealed class TextFieldWriter : IPtFieldWriter
{
    private readonly StringBuilder _text = new();

    /// <summary>The fields of one message, and forgets them.</summary>
    public string Take()
    {
        string text = _text.ToString();
        _text.Clear();
        return text;
    }

    /// <inheritdoc/>
    public void String(string name, string value) => Add(name, Quote(value));

    /// <inheritdoc/>
    public void Number(string name, long value) => Add(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc/>
    public void Pairs(string name, PtKeyValueList pairs)
    {
        var inner = new StringBuilder("{");
        foreach (var pair in pairs)
        {
            if (inner.Length > 1) inner.Append(", ");
            inner.Append(Quote(pair.Key)).Append(": ").Append(Quote(pair.Value));
        }
        Add(name, inner.Append('}').ToString());
    }

    private void Add(string name, string value)
    {
        if (_text.Length > 0) _text.Append(' ');
        _text.Append(name).Append('=').Append(value);
    }

    private static string Quote(string value) =>
        value.Length > 0 && value.IndexOfAny([' ', '"', '{', '}', ',']) < 0 ? value : "\"" + value.Replace("\"", "\\\"") + "\"";
}
