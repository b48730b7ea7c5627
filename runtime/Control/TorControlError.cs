namespace PtToolkit.Control;

/// <summary>Why control-protocol bytes or a command argument were refused. Each reason has a fixed description.</summary>
public enum TorControlErrorReason : byte
{
    /// <summary>No error.</summary>
    None,
    /// <summary>A line feed without the carriage return before it (control-spec §2.3: Tor MUST NOT send LF alone).</summary>
    MissingCarriageReturn,
    /// <summary>A reply line that does not start with three decimal digits (§2.3 StatusCode = 3DIGIT).</summary>
    BadStatusCode,
    /// <summary>A reply line whose status code is not followed by <c>-</c>, <c>+</c> or a space (§2.3).</summary>
    BadSeparator,
    /// <summary>A reply mixing 6yz lines with others (§4.1: events are not interleaved with other replies).</summary>
    MixedAsyncReply,
    /// <summary>A line longer than <see cref="TorReplyLimits.MaxLineLength"/>.</summary>
    LineTooLong,
    /// <summary>A reply larger than <see cref="TorReplyLimits.MaxReplySize"/>.</summary>
    ReplyTooLarge,
    /// <summary>Bytes after the end of a reply where exactly one reply was expected.</summary>
    TrailingBytes,
    /// <summary>The bytes end before the reply does.</summary>
    IncompleteReply,
    /// <summary>A quoted string without its closing quote.</summary>
    UnterminatedQuote,
    /// <summary>A closing quote, or an argument, not followed by a space or the end of the line.</summary>
    ExpectedSpace,
    /// <summary>A double quote inside an unquoted argument (§4.1: <c>*NonSpDquote</c>).</summary>
    QuoteInsideToken,
    /// <summary>A CR or LF in a command argument: it would end the command early (command injection).</summary>
    LineBreakInArgument,
    /// <summary>A byte a command argument may not hold (bare arguments are visible US-ASCII, §2.2 VCHAR).</summary>
    ForbiddenByte,
    /// <summary>An empty bare argument or key.</summary>
    EmptyArgument,
    /// <summary>A command keyword that is not letters, digits and underscores (§2.2).</summary>
    BadKeyword,
    /// <summary>Text with a lone UTF-16 surrogate, which has no UTF-8 form.</summary>
    InvalidText,
    /// <summary>A command larger than the builder's bound.</summary>
    CommandTooLarge,
    /// <summary>An event or a command without an argument its grammar requires (spec/control.spec).</summary>
    MissingArgument,
    /// <summary>An event argument that should be a decimal number and is not.</summary>
    BadNumber,
    /// <summary>A line given to an event's parser that names another event.</summary>
    WrongEvent,
    /// <summary>A reply without a line its grammar requires (spec/control.spec, <c>reply</c>).</summary>
    MissingLine,
    /// <summary>A reply line whose status is not 2yz, given to the parser of a successful reply.</summary>
    FailedReply,
    /// <summary>A <c>NNN+key=</c> line with text after the <c>=</c>: its value is the data block that follows (control-spec §3.9).</summary>
    TextBeforeData,
}

/// <summary>
/// What was wrong and where: the reason, a byte offset, and the field it concerns (null when none). For
/// reply framing the offset counts from the first byte the framer ever saw; for a line's arguments, from the
/// start of the line's text; for a generated reply view, from the start of the reply; for a command argument, the character index inside that argument.
/// A default value means no error.
/// </summary>
public readonly struct TorControlError : System.IEquatable<TorControlError>
{
    /// <summary>Creates an error value.</summary>
    public TorControlError(TorControlErrorReason reason, long offset, string? field = null)
    {
        Reason = reason;
        Offset = offset;
        Field = field;
    }

    /// <summary>What was wrong.</summary>
    public TorControlErrorReason Reason { get; }

    /// <summary>Where it was found (see the type's summary for what the offset counts from).</summary>
    public long Offset { get; }

    /// <summary>The argument or field concerned, or null.</summary>
    public string? Field { get; }

    /// <summary>True when this value holds an error.</summary>
    public bool IsError => Reason != TorControlErrorReason.None;

    /// <summary>A fixed English description of <paramref name="reason"/>.</summary>
    public static string Describe(TorControlErrorReason reason) => reason switch
    {
        TorControlErrorReason.None => "no error",
        TorControlErrorReason.MissingCarriageReturn => "line feed without carriage return",
        TorControlErrorReason.BadStatusCode => "reply line does not start with a three-digit status code",
        TorControlErrorReason.BadSeparator => "status code not followed by '-', '+' or a space",
        TorControlErrorReason.MixedAsyncReply => "asynchronous event lines mixed with a command's reply",
        TorControlErrorReason.LineTooLong => "line too long",
        TorControlErrorReason.ReplyTooLarge => "reply too large",
        TorControlErrorReason.TrailingBytes => "bytes after the end of the reply",
        TorControlErrorReason.IncompleteReply => "reply ends early",
        TorControlErrorReason.UnterminatedQuote => "quoted string without closing quote",
        TorControlErrorReason.ExpectedSpace => "expected a space or the end of the line",
        TorControlErrorReason.QuoteInsideToken => "double quote inside an unquoted argument",
        TorControlErrorReason.LineBreakInArgument => "CR or LF in a command argument",
        TorControlErrorReason.ForbiddenByte => "character not allowed in this argument",
        TorControlErrorReason.EmptyArgument => "empty argument",
        TorControlErrorReason.BadKeyword => "not a command keyword",
        TorControlErrorReason.InvalidText => "text with a lone surrogate",
        TorControlErrorReason.CommandTooLarge => "command too large",
        TorControlErrorReason.MissingArgument => "missing argument",
        TorControlErrorReason.BadNumber => "not a decimal number",
        TorControlErrorReason.WrongEvent => "another event",
        TorControlErrorReason.MissingLine => "missing reply line",
        TorControlErrorReason.FailedReply => "reply line with a status that is not 2yz",
        TorControlErrorReason.TextBeforeData => "text after key= on a line whose value is a data block",
        _ => "unknown error",
    };

    /// <summary>The description of <see cref="Reason"/>.</summary>
    public string Description => Describe(Reason);

    /// <inheritdoc/>
    public override string ToString() => Field is null
        ? $"offset {Offset}: {Description}"
        : $"offset {Offset}: {Field}: {Description}";

    /// <inheritdoc/>
    public bool Equals(TorControlError other) => Reason == other.Reason && Offset == other.Offset && Field == other.Field;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TorControlError other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => System.HashCode.Combine(Reason, Offset, Field);

    /// <summary>Equality.</summary>
    public static bool operator ==(TorControlError left, TorControlError right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(TorControlError left, TorControlError right) => !left.Equals(right);
}
