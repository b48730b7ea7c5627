using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace PtToolkit.Generator.Model;

/// <summary>An equatable description of a diagnostic, turned into a <see cref="Diagnostic"/> only when reported.</summary>
internal sealed record DiagnosticInfo(string Id, string Argument, string FilePath, TextSpan Span, LinePositionSpan Lines)
{
    public Diagnostic ToDiagnostic()
    {
        var descriptor = Id switch
        {
            "PTG001" => DiagnosticDescriptors.SyntaxError,
            "PTG002" => DiagnosticDescriptors.UnknownType,
            "PTG003" => DiagnosticDescriptors.DuplicateName,
            "PTG004" => DiagnosticDescriptors.UnknownDialect,
            "PTG005" => DiagnosticDescriptors.SpecNotFound,
            "PTG006" => DiagnosticDescriptors.NotPartial,
            "PTG007" => DiagnosticDescriptors.BadRule,
            "PTG009" => DiagnosticDescriptors.BadCommand,
            "PTG010" => DiagnosticDescriptors.BadReply,
            _ => DiagnosticDescriptors.UnknownAttribute,
        };
        return Diagnostic.Create(descriptor, Location.Create(FilePath, Span, Lines), Argument);
    }
}

/// <summary>The result of reading one spec file: the model when it is valid, and every diagnostic.</summary>
internal sealed record SpecReadResult(string Path, SpecModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
