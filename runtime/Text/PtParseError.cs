namespace PtToolkit.Text;

/// <summary>Why a line was refused. Each reason has a fixed description, so reporting one allocates nothing.</summary>
public enum PtErrorReason : byte
{
    /// <summary>No error.</summary>
    None,
    /// <summary>The line is empty.</summary>
    EmptyLine,
    /// <summary>The line does not start with a keyword (US-ASCII alphanumeric, dash, underscore).</summary>
    BadKeyword,
    /// <summary>A fixed word or prefix of the message was expected.</summary>
    ExpectedLiteral,
    /// <summary>Exactly one space (0x20) was expected.</summary>
    ExpectedSpace,
    /// <summary>The message ends here, but more bytes follow.</summary>
    ExpectedEnd,
    /// <summary>A field is missing or empty.</summary>
    MissingField,
    /// <summary>A byte that the field does not allow (NUL, a control byte, a space, non-ASCII).</summary>
    BadByte,
    /// <summary>A port that is not a decimal number from 0 to 65535.</summary>
    BadPort,
    /// <summary>An address that is neither IPv4, bracketed IPv6 nor a host name where one is allowed.</summary>
    BadAddress,
    /// <summary>An address where the port or the colon before it is missing.</summary>
    MissingPort,
    /// <summary>A backslash escape that the field does not define, or nothing after a final backslash.</summary>
    BadEscape,
    /// <summary>A quoted string without its closing quote.</summary>
    UnterminatedString,
    /// <summary>A key=value pair without its equals sign.</summary>
    ExpectedEquals,
    /// <summary>A key=value pair with an empty key.</summary>
    EmptyKey,
    /// <summary>A value that is not one of the enumeration's forms.</summary>
    BadEnumValue,
    /// <summary>A number that is malformed or out of range.</summary>
    BadNumber,
}

/// <summary>
/// What was wrong with a line and where: the byte offset from the start of the line, the reason,
/// and the spec name of the field being read (or null outside a field). A default value means no error.
/// </summary>
public readonly struct PtParseError : System.IEquatable<PtParseError>
{
    /// <summary>Creates an error value.</summary>
    public PtParseError(int offset, PtErrorReason reason, string? field)
    {
        Offset = offset;
        Reason = reason;
        Field = field;
    }

    /// <summary>Byte offset in the line (without its line ending) where the problem was found.</summary>
    public int Offset { get; }

    /// <summary>What was wrong.</summary>
    public PtErrorReason Reason { get; }

    /// <summary>The field being read, by its name in the spec, or null.</summary>
    public string? Field { get; }

    /// <summary>True when this value holds an error.</summary>
    public bool IsError => Reason != PtErrorReason.None;

    /// <summary>A fixed English description of <paramref name="reason"/>.</summary>
    public static string Describe(PtErrorReason reason) => reason switch
    {
        PtErrorReason.None => "no error",
        PtErrorReason.EmptyLine => "empty line",
        PtErrorReason.BadKeyword => "line does not start with a keyword",
        PtErrorReason.ExpectedLiteral => "unexpected word",
        PtErrorReason.ExpectedSpace => "expected one space",
        PtErrorReason.ExpectedEnd => "unexpected text after the last field",
        PtErrorReason.MissingField => "missing or empty field",
        PtErrorReason.BadByte => "byte not allowed here",
        PtErrorReason.BadPort => "port is not a number from 0 to 65535",
        PtErrorReason.BadAddress => "not a valid address",
        PtErrorReason.MissingPort => "address without :port",
        PtErrorReason.BadEscape => "bad backslash escape",
        PtErrorReason.UnterminatedString => "quoted string without closing quote",
        PtErrorReason.ExpectedEquals => "expected key=value",
        PtErrorReason.EmptyKey => "empty key",
        PtErrorReason.BadEnumValue => "value not allowed",
        PtErrorReason.BadNumber => "bad number",
        _ => "unknown error",
    };

    /// <summary>The description of <see cref="Reason"/>.</summary>
    public string Description => Describe(Reason);

    /// <inheritdoc/>
    public override string ToString() => Field is null
        ? $"offset {Offset}: {Description}"
        : $"offset {Offset}: {Field}: {Description}";

    /// <inheritdoc/>
    public bool Equals(PtParseError other) => Offset == other.Offset && Reason == other.Reason && Field == other.Field;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PtParseError other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => System.HashCode.Combine(Offset, Reason, Field);

    /// <summary>Equality.</summary>
    public static bool operator ==(PtParseError left, PtParseError right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PtParseError left, PtParseError right) => !left.Equals(right);
}
