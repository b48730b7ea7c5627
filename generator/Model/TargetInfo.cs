namespace PtToolkit.Generator.Model;

/// <summary>A class that asked for bindings: where they go and which spec file it names.</summary>
internal sealed record TargetInfo(string Namespace, string ClassName, string SpecFile, DiagnosticInfo? Problem);

/// <summary>What one output needs: the target and the spec it named (null when none matched).</summary>
internal sealed record GenerationRequest(TargetInfo Target, SpecReadResult? Spec);
