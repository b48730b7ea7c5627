namespace PtToolkit.Generator;

/// <summary>Names of the pipeline steps, for the caching tests.</summary>
internal static class TrackingNames
{
    public const string Target = nameof(Target);
    public const string Spec = nameof(Spec);
    public const string Request = nameof(Request);
}
