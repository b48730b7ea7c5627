namespace PtToolkit.Config;

/// <summary>
/// The PT configuration parameters (spec/pt-config.spec): <see cref="PtClientConfig"/> and
/// <see cref="PtServerConfig"/> with their binders from variables and flags and their launch formatters,
/// generated from the spec; the rules that need several parameters at once are in their hand-written parts.
/// </summary>
[PtSpec("pt-config.spec")]
public static partial class PtConfig
{
}
