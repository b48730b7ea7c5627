using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PtToolkit.Generator.Emitting;
using PtToolkit.Generator.Model;
using PtToolkit.Generator.Reading;

namespace PtToolkit.Generator;

/// <summary>
/// Turns spec files into typed parsers, formatters and grammar data. The pipeline: classes marked
/// [PtSpec("file")] and *.spec AdditionalFiles are each read into equatable models, matched by file
/// name, and emitted; a comment-only spec edit or an unrelated C# edit leaves every output cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PtSpecGenerator : IIncrementalGenerator
{
    private const string AttributeName = "PtToolkit.PtSpecAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var targets = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is ClassDeclarationSyntax, static (ctx, ct) => ReadTarget(ctx, ct))
            .Where(static t => t is not null)
            .Select(static (t, _) => t!)
            .WithTrackingName(TrackingNames.Target);

        var specs = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".spec", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, ct) => SpecReader.Read(text.Path, text.GetText(ct) ?? SourceText.From(""), ct))
            .WithTrackingName(TrackingNames.Spec);

        var requests = targets
            .Combine(specs.Collect())
            .Select(static (pair, _) => new GenerationRequest(pair.Left, FindSpec(pair.Left.SpecFile, pair.Right)))
            .WithTrackingName(TrackingNames.Request);

        context.RegisterSourceOutput(requests, static (spc, request) => Emit(spc, request));
    }

    private static TargetInfo? ReadTarget(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax syntax) return null;
        cancellationToken.ThrowIfCancellationRequested();
        var specFile = context.Attributes[0].ConstructorArguments.FirstOrDefault().Value as string ?? "";
        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        var location = syntax.Identifier.GetLocation();
        var lines = location.GetLineSpan();
        var at = new DiagnosticInfo("PTG005", specFile, lines.Path, location.SourceSpan, lines.Span);
        bool placeable = syntax.Modifiers.Any(SyntaxKind.PartialKeyword) && type.ContainingType is null;
        return new TargetInfo(ns, type.Name, specFile, at, placeable ? null : at with { Id = "PTG006", Argument = type.Name });
    }

    /// <summary>The spec whose path is the file named, or ends with "/" + it (separators normalised).</summary>
    private static SpecReadResult? FindSpec(string specFile, ImmutableArray<SpecReadResult> specs)
    {
        if (specFile.Length == 0) return null;
        string wanted = specFile.Replace('\\', '/');
        return specs.FirstOrDefault(s =>
        {
            string path = s.Path.Replace('\\', '/');
            return path == wanted || path.EndsWith("/" + wanted, StringComparison.Ordinal);
        });
    }

    private static void Emit(SourceProductionContext context, GenerationRequest request)
    {
        var target = request.Target;
        if (target.Problem is not null)
        {
            context.ReportDiagnostic(target.Problem.ToDiagnostic());
            return;
        }
        if (request.Spec is null)
        {
            context.ReportDiagnostic(target.Location.ToDiagnostic());
            return;
        }
        foreach (var diagnostic in request.Spec.Diagnostics) context.ReportDiagnostic(diagnostic.ToDiagnostic());
        if (request.Spec.Model is null) return;
        if (SpecEmitter.TypeNames(request.Spec.Model).Contains(target.ClassName))
        {
            context.ReportDiagnostic((target.Location with { Id = "PTG003", Argument = $"The class '{target.ClassName}' has the name of a type its spec declares: rename one of them" }).ToDiagnostic());
            return;
        }
        string hint = (target.Namespace.Length > 0 ? target.Namespace + "." : "") + target.ClassName + ".g.cs";
        context.AddSource(hint, SourceText.From(SpecEmitter.Emit(target, request.Spec.Model), System.Text.Encoding.UTF8));
    }
}
