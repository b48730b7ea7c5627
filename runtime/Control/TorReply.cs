using System;
using System.Text;

namespace PtToolkit.Control;

/// <summary>
/// An owned reply: a copy of one reply's bytes that outlives the read buffer, as the client hands out for
/// command answers and asynchronous events. <see cref="View"/> reads it in place.
/// </summary>
public sealed class TorReply
{
    private readonly byte[] _raw;
    private string? _eventName;

    private TorReply(byte[] raw)
    {
        _raw = raw;
        var view = View;
        StatusCode = view.StatusCode;
        IsAsync = view.IsAsync;
        IsSuccess = view.IsSuccess;
    }

    /// <summary>Copies a reply view.</summary>
    public static TorReply From(TorReplyView view) => new(view.Raw.ToArray());

    /// <summary>Reads exactly one whole reply from <paramref name="bytes"/> and copies it (see <see cref="TorReplyView.TryParse"/>).</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out TorReply? reply, out TorControlError error)
    {
        reply = TorReplyView.TryParse(bytes, out var view, out error) ? From(view) : null;
        return reply is not null;
    }

    /// <summary>The reply as received.</summary>
    public ReadOnlyMemory<byte> Raw => _raw;

    /// <summary>A view to read lines, data blocks and arguments.</summary>
    public TorReplyView View => new(_raw);

    /// <summary>The status code of the last line.</summary>
    public int StatusCode { get; }

    /// <summary>The status code as a known value (see <see cref="TorStatusCode"/>; other codes keep their number).</summary>
    public TorStatusCode Status => (TorStatusCode)StatusCode;

    /// <summary>True when every line has a 2yz status.</summary>
    public bool IsSuccess { get; }

    /// <summary>True for an asynchronous event (6yz).</summary>
    public bool IsAsync { get; }

    /// <summary>For an event, its name as sent (first word of the first line), known to this code or not.</summary>
    public string EventName => _eventName ??= Encoding.UTF8.GetString(View.EventName);

    /// <summary>The status code, and an event's name: other reply text can carry secrets (ADD_ONION keys, GETCONF values), so it is never shown.</summary>
    public override string ToString() => IsAsync ? $"{StatusCode} {EventName}" : StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
