using System.Collections.Generic;
using PtToolkit.Grammar;
using PtToolkit.Ipc;

namespace PtToolkit.Cli.Ipc;

/// <summary>The fields of each message, in line order, read from the grammar that the generator emits.</summary>
internal static class MessageFields
{
    /// <summary>The field items of <paramref name="kind"/> (optional groups included), or none for Unknown.</summary>
    public static IReadOnlyList<PtRuleItem> Of(PtIpc.MessageKind kind)
    {
        var fields = new List<PtRuleItem>();
        foreach (var rule in PtIpc.Grammar.Messages)
        {
            if (rule.Name == kind.ToString()) Collect(rule.Items, fields);
        }
        return fields;
    }

    private static void Collect(IReadOnlyList<PtRuleItem> items, List<PtRuleItem> fields)
    {
        foreach (var item in items)
        {
            if (item.Kind == PtItemKind.Field) fields.Add(item);
            else if (item.Kind == PtItemKind.Optional) Collect(item.Children, fields);
        }
    }

    /// <summary>The message kind named <paramref name="name"/> exactly (not a number, not Unknown).</summary>
    public static bool TryParseKind(string name, out PtIpc.MessageKind kind)
    {
        foreach (var rule in PtIpc.Grammar.Messages)
        {
            if (rule.Name == name && System.Enum.TryParse(name, ignoreCase: false, out kind)) return true;
        }
        kind = PtIpc.MessageKind.Unknown;
        return false;
    }
}
