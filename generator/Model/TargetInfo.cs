namespace PtToolkit.Generator.Model;

/// <summary>
/// A class that asked for bindings: where they go, which spec file it names, where its name is written
/// (for diagnostics about it), and a problem found with the class itself.
/// </summary>
internal sealed record TargetInfo(string Namespace, string ClassName, string SpecFile, DiagnosticInfo Location, DiagnosticInfo? Problem);

/// <summary>What one output needs: the target and the spec it named (null when none matched).</summary>
internal sealed record GenerationRequest(TargetInfo Target, SpecReadResult? Spec);
