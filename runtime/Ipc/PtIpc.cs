namespace PtToolkit.Ipc;

/// <summary>
/// The PT IPC line protocol (PT → parent, spec/pt-ipc.spec): a view and parser, an owned form and
/// formatter per message, the dispatcher and the grammar as data, all generated from the spec.
/// </summary>
[PtSpec("pt-ipc.spec")]
public static partial class PtIpc
{
}
