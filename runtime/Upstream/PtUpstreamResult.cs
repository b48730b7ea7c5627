using System.IO;

namespace PtToolkit.Upstream;

/// <summary>
/// The outcome of an upstream proxy handshake: the stream that carries the target's bytes (the one given, or a
/// wrapper that first returns the bytes the proxy sent right after its reply), or the error.
/// </summary>
public readonly struct PtUpstreamResult
{
    /// <summary>A success.</summary>
    public PtUpstreamResult(Stream stream)
    {
        Stream = stream;
        Error = default;
    }

    /// <summary>A failure.</summary>
    public PtUpstreamResult(PtUpstreamError error)
    {
        Stream = null;
        Error = error;
    }

    /// <summary>The stream to the target, on success.</summary>
    public Stream? Stream { get; }

    /// <summary>The error, or a default value on success.</summary>
    public PtUpstreamError Error { get; }

    /// <summary>True when the proxy connected to the target.</summary>
    public bool IsSuccess => Stream is not null;
}
