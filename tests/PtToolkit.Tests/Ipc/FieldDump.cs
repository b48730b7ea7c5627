using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PtToolkit.Text;

namespace PtToolkit.Tests.Ipc;

/// <summary>
/// Lists a message's fields as <c>name=value</c> lines through <see cref="IPtMessage.WriteFields"/>, so that two
/// messages can be compared field by field with a readable difference (and not only through record equality).
/// </summary>
internal sealed class FieldDump : IPtFieldWriter
{
    private readonly List<string> _lines = new();

    /// <summary>The fields of <paramref name="message"/>, its kind first.</summary>
    public static IReadOnlyList<string> Of(IPtMessage message)
    {
        var dump = new FieldDump();
        dump._lines.Add("kind=" + message.KindName);
        message.WriteFields(dump);
        return dump._lines;
    }

    /// <inheritdoc/>
    public void String(string name, string value) => _lines.Add(name + "=" + LineText.Show(value, int.MaxValue));

    /// <inheritdoc/>
    public void Number(string name, long value) => _lines.Add(name + "=" + value.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc/>
    public void Pairs(string name, PtKeyValueList pairs) =>
        _lines.Add(name + "=[" + string.Join(" | ", pairs.Select(p => LineText.Show(p.Key, int.MaxValue) + " => " + LineText.Show(p.Value, int.MaxValue))) + "]");
}
