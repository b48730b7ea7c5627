namespace Consumer;

/// <summary>The flag binder generated from spec/my-flags.spec.</summary>
[PtToolkit.PtSpec("my-flags.spec")]
public static partial class MyFlags
{
}
