namespace PtToolkit.ExtOrPort;

/// <summary>
/// The outcome of an Extended ORPort exchange: a status and a one-line message. Messages never hold the
/// cookie, a hash or the client's address.
/// </summary>
/// <param name="Status">How the exchange ended.</param>
/// <param name="Message">What happened, for a log line.</param>
public readonly record struct ExtOrPortResult(ExtOrPortStatus Status, string Message)
{
    /// <summary>True when the server answered OKAY.</summary>
    public bool IsOkay => Status == ExtOrPortStatus.Okay;

    /// <summary>The result of a successful exchange.</summary>
    public static ExtOrPortResult Okay => new(ExtOrPortStatus.Okay, "okay");

    /// <inheritdoc/>
    public override string ToString() => $"{Status}: {Message}";
}
