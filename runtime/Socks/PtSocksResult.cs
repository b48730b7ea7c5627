namespace PtToolkit.Socks;

/// <summary>The outcome of a SOCKS handshake: a value on success, an error value otherwise.</summary>
public readonly struct PtSocksResult<T>
    where T : class
{
    /// <summary>A success.</summary>
    public PtSocksResult(T value)
    {
        System.ArgumentNullException.ThrowIfNull(value);
        Value = value;
        Error = default;
    }

    /// <summary>A failure.</summary>
    public PtSocksResult(PtSocksError error)
    {
        Value = null;
        Error = error;
    }

    /// <summary>The value, or null on failure.</summary>
    public T? Value { get; }

    /// <summary>The error; <see cref="PtSocksError.IsError"/> is false on success.</summary>
    public PtSocksError Error { get; }

    /// <summary>True when <see cref="Value"/> is set.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Value is not null;

    /// <inheritdoc/>
    public override string ToString() => IsSuccess ? $"success: {Value}" : Error.ToString();
}
