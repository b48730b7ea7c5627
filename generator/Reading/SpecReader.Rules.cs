using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Reading;

internal sealed partial class SpecReader
{
    /// <summary>
    /// Checks that a rule can be read left to right with one look-ahead: it starts with its keyword,
    /// fields end at a space or the end of the line, a rest-of-line field comes last, and each optional
    /// group is entered on its first space and literal.
    /// </summary>
    private bool CheckRule(SpecToken name, List<ItemModel> items, List<(ItemModel Item, SpecToken Token)> fields)
    {
        if (items.Count == 0 || items[0].Kind != ItemKind.Literal || items[0].Literals.Count != 1 || !Names.IsKeywordText(items[0].Literals[0]))
        {
            Report("PTG007", $"Message '{name.Text}' must start with its keyword as one literal of letters, digits, '-' or '_'", name);
            return false;
        }
        var seen = new HashSet<string>();
        foreach (var (field, token) in fields)
        {
            string property = Names.Property(field.FieldName);
            var generated = new List<string> { property, "Has" + property };
            if (field.FieldType == FieldType.Enum) generated.Add(property + "Text");
            if (ReservedProperties.Contains(property))
            {
                Report("PTG003", $"Field name '{field.FieldName}' is reserved in message '{name.Text}'", token);
                return false;
            }
            if (generated.Any(g => !seen.Add(g)))
            {
                Report("PTG003", $"Field '{field.FieldName}' is declared twice or clashes with another field's generated member in '{name.Text}'", token);
                return false;
            }
        }
        var flat = new List<ItemModel>();
        Flatten(items, flat);
        return CheckSequence(name, items, flat);
    }

    private static void Flatten(IEnumerable<ItemModel> items, List<ItemModel> flat)
    {
        foreach (var item in items)
        {
            flat.Add(item);
            if (item.Kind == ItemKind.Optional) Flatten(item.Children, flat);
        }
    }

    private bool CheckSequence(SpecToken name, IReadOnlyList<ItemModel> items, List<ItemModel> flat)
    {
        for (int k = 0; k < items.Count; k++)
        {
            var item = items[k];
            var next = k + 1 < items.Count ? items[k + 1] : null;
            if (item.Kind == ItemKind.Field)
            {
                bool restOfLine = item.FieldType is FieldType.Text or FieldType.KeyValues;
                if (restOfLine && flat.IndexOf(item) != flat.Count - 1)
                {
                    Report("PTG007", $"Field '{item.FieldName}' reads to the end of the line, so it must be the last item of '{name.Text}'", name);
                    return false;
                }
                if (next is not null && next.Kind != ItemKind.Space && !(next.Kind == ItemKind.Optional && next.Children.Count > 0 && next.Children[0].Kind == ItemKind.Space))
                {
                    Report("PTG007", $"Field '{item.FieldName}' in '{name.Text}' ends at a space, so SP (or an optional group starting with SP) must follow it", name);
                    return false;
                }
            }
            if (item.Kind != ItemKind.Optional) continue;
            var children = item.Children;
            bool startsWithSpace = children.Count > 0 && children[0].Kind == ItemKind.Space;
            bool entered = children.Count > 0 && (children[0].Kind == ItemKind.Literal ||
                (startsWithSpace && children.Count > 1 && children[1].Kind is ItemKind.Literal or ItemKind.Field));
            if (!entered)
            {
                Report("PTG007", $"An optional group in '{name.Text}' must start with a literal, or with SP and then a literal or a field", name);
                return false;
            }
            var inside = new List<ItemModel>();
            Flatten(children, inside);
            if (!inside.Any(c => c.Kind == ItemKind.Field))
            {
                Report("PTG007", $"An optional group in '{name.Text}' must hold a field: a group is written when its first field is set", name);
                return false;
            }
            if (startsWithSpace && children[1].Kind == ItemKind.Field && next is not null && next.Kind == ItemKind.Space)
            {
                Report("PTG007", $"In '{name.Text}', SP after an optional group that starts with SP and a field could never be read", name);
                return false;
            }
            if (!CheckSequence(name, children, flat)) return false;
        }
        return true;
    }
}
