namespace Consumer;

/// <summary>The bindings generated from spec/my-transport.spec.</summary>
[PtToolkit.PtSpec("my-transport.spec")]
public static partial class MyIpc
{
}
