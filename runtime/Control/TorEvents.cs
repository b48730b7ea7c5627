namespace PtToolkit.Control;

/// <summary>
/// The asynchronous events of the control protocol (spec/control.spec): a view per event with its arguments
/// named and typed, <c>EventKindOf</c>, and <c>DispatchEvent</c>, all generated from the spec.
/// </summary>
[PtSpec("control.spec")]
public static partial class TorEvents
{
}
