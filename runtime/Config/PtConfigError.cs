namespace PtToolkit.Config;

/// <summary>Which line a PT prints for a configuration error (PT 1.0 §3.3.1, §3.3.2).</summary>
public enum PtConfigErrorKind : byte
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary><c>ENV-ERROR &lt;message&gt;</c>: a malformed or missing variable.</summary>
    Env = 1,
    /// <summary><c>VERSION-ERROR &lt;message&gt;</c>: no usable version in TOR_PT_MANAGED_TRANSPORT_VER.</summary>
    Version = 2,
    /// <summary><c>PROXY-ERROR &lt;message&gt;</c>: TOR_PT_PROXY is malformed or unsupported.</summary>
    Proxy = 3,
}

/// <summary>
/// What was wrong with one configuration value: the variable (or flag) it came from, the character offset in
/// the value where the problem was found, and a one-line human message. <see cref="Text"/> is the
/// <c>&lt;ErrorMessage&gt;</c> of the line, <see cref="FormatLine"/> the whole line (without its newline).
/// Messages never contain a line break, and values are quoted with control and non-ASCII characters escaped.
/// </summary>
public readonly struct PtConfigError : System.IEquatable<PtConfigError>
{
    private readonly string? _variable;
    private readonly string? _message;

    /// <summary>Creates an error.</summary>
    public PtConfigError(PtConfigErrorKind kind, string variable, int offset, string message)
    {
        Kind = kind;
        _variable = variable;
        Offset = offset;
        _message = message;
    }

    /// <summary>The line keyword this error is reported with.</summary>
    public PtConfigErrorKind Kind { get; }

    /// <summary>The environment variable or flag name, for example <c>TOR_PT_SERVER_BINDADDR</c> or <c>-bindaddr</c>.</summary>
    public string Variable => _variable ?? "";

    /// <summary>Character offset in the value where the problem was found.</summary>
    public int Offset { get; }

    /// <summary>The detail, without the variable name.</summary>
    public string Message => _message ?? "";

    /// <summary>True when this describes an error.</summary>
    public bool IsError => Kind != PtConfigErrorKind.None;

    /// <summary>
    /// The <c>&lt;ErrorMessage&gt;</c>: <c>VARIABLE: message</c>, or the message alone when no single variable is
    /// at fault (<c>no TOR_PT_ORPORT environment variable</c>). A version error starts with the token
    /// <c>no-version</c>, which PT 1.0 §3.3.1 says the message SHOULD be, and adds the detail after it.
    /// </summary>
    public string Text => (Kind == PtConfigErrorKind.Version ? "no-version " : "") + (Variable.Length > 0 ? $"{Variable}: {Message}" : Message);

    /// <summary>The keyword of the line: <c>ENV-ERROR</c>, <c>VERSION-ERROR</c> or <c>PROXY-ERROR</c>.</summary>
    public string Keyword => Kind switch
    {
        PtConfigErrorKind.Env => "ENV-ERROR",
        PtConfigErrorKind.Version => "VERSION-ERROR",
        PtConfigErrorKind.Proxy => "PROXY-ERROR",
        _ => "",
    };

    /// <summary>The whole line a PT prints, for example <c>ENV-ERROR TOR_PT_ORPORT: ...</c>, without a newline.</summary>
    public string FormatLine() => $"{Keyword} {Text}";

    /// <inheritdoc/>
    public override string ToString() => IsError ? FormatLine() : "no error";

    /// <inheritdoc/>
    public bool Equals(PtConfigError other) =>
        Kind == other.Kind && Offset == other.Offset && Variable == other.Variable && Message == other.Message;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PtConfigError other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => System.HashCode.Combine(Kind, Offset, Variable, Message);

    /// <summary>Equality.</summary>
    public static bool operator ==(PtConfigError left, PtConfigError right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PtConfigError left, PtConfigError right) => !left.Equals(right);
}
