namespace PtToolkit.Control;

/// <summary>
/// The control protocol as spec/control.spec declares it, all generated: the asynchronous events (a view per
/// event with its arguments named and typed, <c>EventKindOf</c>, <c>DispatchEvent</c>), the commands (a
/// <c>NameCommand.Create(...)</c> per command, writing its arguments in order into a <see cref="TorCommandBuilder"/>)
/// and the replies the client reads (a <c>NameReply</c> view per reply, <c>NameReply.TryParse(TorReplyView, ...)</c>).
/// </summary>
[PtSpec("control.spec")]
public static partial class TorEvents
{
}
