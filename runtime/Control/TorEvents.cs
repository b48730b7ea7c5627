namespace PtToolkit.Control;

/// <summary>
/// The control protocol as spec/control.spec declares it, all generated: the asynchronous events (a view per
/// event with its arguments named and typed, <c>EventKindOf</c>, <c>DispatchEvent</c>) and the commands (a
/// <c>NameCommand.Create(...)</c> per command, writing its arguments in order into a <see cref="TorCommandBuilder"/>).
/// </summary>
[PtSpec("control.spec")]
public static partial class TorEvents
{
}
