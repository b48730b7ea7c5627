using System;
using System.Buffers;

namespace PtToolkit.Text;

/// <summary>An owned message of any spec: it formats itself and lists its fields by their spec names.</summary>
public interface IPtMessage
{
    /// <summary>The message's name in its spec (for example <c>Cmethod</c>).</summary>
    string KindName { get; }

    /// <summary>Writes the line, ending in LF. InvalidData when a value cannot be written so that it parses back.</summary>
    OperationStatus TryFormat(Span<byte> destination, out int written);

    /// <summary>As <see cref="TryFormat(Span{byte}, out int)"/>; on InvalidData, <paramref name="invalidField"/> names the field (spec name).</summary>
    OperationStatus TryFormat(Span<byte> destination, out int written, out string? invalidField);

    /// <summary>Gives each present field, by its spec name, to <paramref name="writer"/>.</summary>
    void WriteFields(IPtFieldWriter writer);
}

/// <summary>Receives the fields of a message (see <see cref="IPtMessage.WriteFields"/>).</summary>
public interface IPtFieldWriter
{
    /// <summary>A text field, an enumeration's text, or an address in its textual form.</summary>
    void String(string name, string value);

    /// <summary>A number or a port.</summary>
    void Number(string name, long value);

    /// <summary>Key/value pairs.</summary>
    void Pairs(string name, PtKeyValueList pairs);
}

/// <summary>Supplies the fields of a message to build (see the generated <c>TryCreate</c> methods).</summary>
public interface IPtFieldSource
{
    /// <summary>A text field, an enumeration's text, or an address in its textual form.</summary>
    bool TryGetString(string name, out string value);

    /// <summary>A number or a port.</summary>
    bool TryGetNumber(string name, out long value);

    /// <summary>Key/value pairs.</summary>
    bool TryGetPairs(string name, out PtKeyValueList pairs);
}

/// <summary>Helpers shared by every owned message.</summary>
public static class PtMessageExtensions
{
    /// <summary>Lines longer than this are refused by <see cref="Write(IPtMessage, IBufferWriter{byte})"/> (1 MiB).</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>
    /// Writes the line into <paramref name="writer"/>, growing the buffer it asks for until the line fits
    /// (up to <see cref="MaxLineBytes"/>). Returns Done, or InvalidData / DestinationTooSmall.
    /// </summary>
    public static OperationStatus Write(this IPtMessage message, IBufferWriter<byte> writer) => Write(message, writer, out _);

    /// <summary>As <see cref="Write(IPtMessage, IBufferWriter{byte})"/>; on InvalidData, <paramref name="invalidField"/> names the field.</summary>
    public static OperationStatus Write(this IPtMessage message, IBufferWriter<byte> writer, out string? invalidField)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(writer);
        invalidField = null;
        for (int size = 256; size <= MaxLineBytes; size *= 2)
        {
            var status = message.TryFormat(writer.GetSpan(size)[..size], out int written, out invalidField);
            if (status == OperationStatus.Done) writer.Advance(written);
            if (status != OperationStatus.DestinationTooSmall) return status;
        }
        return OperationStatus.DestinationTooSmall;
    }

    /// <summary>
    /// The line as a string, without its LF. Throws <see cref="FormatException"/> naming the field when a value
    /// cannot be written so that the line parses back, or when the line is longer than <see cref="MaxLineBytes"/>.
    /// </summary>
    public static string FormatLine(this IPtMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var status = Write(message, buffer, out string? field);
        if (status == OperationStatus.InvalidData)
            throw new FormatException($"{message.KindName}: the value of field '{field}' cannot be written so that the line parses back.");
        if (status != OperationStatus.Done)
            throw new FormatException($"{message.KindName}: the line is longer than {MaxLineBytes} bytes.");
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]);
    }
}
