using System;

namespace PtToolkit;

/// <summary>
/// Asks the PtToolkit generator for typed bindings of a spec file: put it on a top-level partial class,
/// and give the spec file to the compiler as an AdditionalFiles item. The generated members go into
/// that class, so the class picks their namespace and accessibility.
/// </summary>
/// <example><code>[PtSpec("pt-ipc.spec")] public static partial class PtIpc { }</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PtSpecAttribute : Attribute
{
    /// <summary>Names the spec file: its file name, or a path suffix that tells it apart from others.</summary>
    public PtSpecAttribute(string specFile) => SpecFile = specFile;

    /// <summary>The spec file named.</summary>
    public string SpecFile { get; }
}
