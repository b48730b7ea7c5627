using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>
/// Runs <see cref="PtSpecGenerator"/> in memory with a plain <see cref="CSharpGeneratorDriver"/>: C# sources are
/// compiled against the running framework's assemblies plus PtToolkit.dll (what the generated code uses).
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The folder the test spec files pretend to live in.</summary>
    public const string SpecFolder = "/project/spec/";

    /// <summary>C# 12 (the newest that Roslyn 4.8 knows): the generated code uses u8 literals and records.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>The framework assemblies of the running runtime and PtToolkit.dll.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The trusted platform assemblies also list the test's own dependencies (Roslyn, xunit): keep only
        // the shared framework's, which sit beside System.Private.CoreLib.
        string frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal))
            .Append(typeof(PtSpecAttribute).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    /// <summary>A library compilation of <paramref name="sources"/> (each named Source{i}.cs), nullable on.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "GeneratedTest",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/project/src/Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A spec file given to the generator as an AdditionalFiles item under <see cref="SpecFolder"/>.</summary>
    public static AdditionalText Spec(string fileName, string text) => new InMemoryAdditionalText(SpecFolder + fileName, text);

    /// <summary>A driver holding the generator and <paramref name="specs"/>, tracking its steps.</summary>
    public static GeneratorDriver CreateDriver(params AdditionalText[] specs) =>
        CSharpGeneratorDriver.Create(
            new[] { new PtSpecGenerator().AsSourceGenerator() },
            specs,
            ParseOptions,
            optionsProvider: null,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over <paramref name="sources"/> and <paramref name="specs"/>.</summary>
    public static GeneratorRun Run(string[] sources, params AdditionalText[] specs)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver(specs).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, driverDiagnostics);
    }

    /// <summary>Runs the generator over one spec named <c>test.spec</c> and a class that asks for it.</summary>
    public static GeneratorRun RunSpec(string specText) =>
        Run(new[] { "[PtToolkit.PtSpec(\"test.spec\")] public static partial class TestSpec { }" }, Spec("test.spec", specText));

    /// <summary>
    /// Runs a spec in which <see cref="MarkedText"/> marks where one error must start: asserts that the generator reports
    /// exactly that error, with <paramref name="id"/>, there, and emits nothing.
    /// </summary>
    public static void AssertOnlyError(string id, string markedSpec)
    {
        var marked = MarkedText.Parse(markedSpec + "\n");
        var run = RunSpec(marked.Text);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(marked.Position, diagnostic.Location.GetLineSpan().StartLinePosition);
        Assert.Empty(run.Sources);
    }

    /// <summary>Runs a spec that must be valid; asserts no diagnostic and no compile problem and returns the one source emitted.</summary>
    public static string CompiledSource(string specText)
    {
        var run = RunSpec(specText);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems);
        return run.Sources.Single().SourceText.ToString();
    }

    /// <summary>Joins lines with LF, so that the line numbers of a spec in a test are its array indices.</summary>
    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    /// <summary>Emits <paramref name="compilation"/> and loads it into a new collectible load context.</summary>
    public static (AssemblyLoadContext Context, Assembly Assembly) Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        image.Position = 0;
        // No Load override: PtToolkit.dll resolves from the default context, so runtime types are shared with the test.
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return (context, context.LoadFromStream(image));
    }

    /// <summary>Every warning and error, formatted for an assertion message.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}

/// <summary>One generator run: what the driver recorded, the compilation with the generated trees, and the driver's diagnostics.</summary>
internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    /// <summary>The generator's own diagnostics (PTG*, and CS8785 if it threw).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>Warnings and errors of compiling the sources together with the generated code.</summary>
    public IReadOnlyList<Diagnostic> CompileProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>The text of every generated source.</summary>
    public IReadOnlyList<GeneratedSourceResult> Sources => Result.Results.SelectMany(r => r.GeneratedSources).ToList();

    /// <summary>The single diagnostic with <paramref name="id"/>; fails when there is not exactly one of them.</summary>
    public Diagnostic Single(string id)
    {
        var found = GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count == 1, $"expected one {id}, got:{Environment.NewLine}{GeneratorHarness.Describe(GeneratorDiagnostics)}");
        return found[0];
    }
}
