using Microsoft.CodeAnalysis;

namespace PtToolkit.Generator;

/// <summary>Every diagnostic the generator reports, in one place.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "PtToolkit";

    public static readonly DiagnosticDescriptor SyntaxError = new(
        "PTG001", "Spec syntax error", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownType = new(
        "PTG002", "Unknown field type", "Unknown field type '{0}': use a built-in type (spec/README.md) or an enum declared in this spec",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateName = new(
        "PTG003", "Duplicate or reserved name", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownDialect = new(
        "PTG004", "Unknown dialect", "Unknown dialect '{0}': declare it with 'dialect {0} = \"<version>\"'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor SpecNotFound = new(
        "PTG005", "Spec file not found", "No AdditionalFiles item named '{0}' was found: add <AdditionalFiles Include=\"...{0}\" /> to the project",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotPartial = new(
        "PTG006", "Class must be a top-level partial class", "'{0}' must be a partial class declared outside any other type to receive generated bindings",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadRule = new(
        "PTG007", "Invalid message rule", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownAttribute = new(
        "PTG008", "Unknown attribute", "Unknown attribute '{0}' here: see spec/README.md for the attributes each declaration takes",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadCommand = new(
        "PTG009", "Invalid command declaration", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadReply = new(
        "PTG010", "Invalid reply declaration", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
