using System;
using System.Buffers;
using System.IO;
using System.Text;
using PtToolkit.Config;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Hosting;

/// <summary>
/// The one writer of a PT's IPC lines (pt-1.0 §3.3, pt-2.2 §1.2), safe to call from any thread. Each line is
/// formatted whole by the generated formatter, outside the lock, then written with one write and one flush under
/// the lock, so lines of concurrent writers never interleave. A message goes to stdout or stderr as
/// <see cref="PtIpc.StreamOf"/> says for <see cref="Dialect"/> (the 2.x error lines go to stderr).
/// </summary>
/// <remarks>
/// A failed write (the parent closed the pipe) makes every later write return false at once: a PT whose parent
/// is gone has nobody to tell. Writes block while the parent does not read its end of the pipe.
/// </remarks>
public sealed class PtIpcWriter
{
    private const int FirstBuffer = 256;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly Stream _stdout;
    private readonly Stream _stderr;
    private readonly object _gate = new();
    private volatile bool _broken;
    private volatile PtIpc.Dialects _dialect;
    private volatile PtConfig.IpcLogLevel _logLevel = PtConfig.IpcLogLevel.None;

    /// <summary>Writes to <paramref name="stdout"/> and <paramref name="stderr"/> (the same stream may be given twice).</summary>
    /// <param name="stdout">Where every message but the 2.x error lines goes.</param>
    /// <param name="stderr">Where the 2.x error lines go.</param>
    /// <param name="dialect">The dialect until the host negotiates one (PT 1.0 by default).</param>
    public PtIpcWriter(Stream stdout, Stream stderr, PtIpc.Dialects dialect = PtIpc.Dialects.V1_0)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        _stdout = stdout;
        _stderr = stderr;
        _dialect = dialect;
    }

    /// <summary>A writer on the process's standard output and standard error.</summary>
    public static PtIpcWriter ForConsole(PtIpc.Dialects dialect = PtIpc.Dialects.V1_0) =>
        new(Console.OpenStandardOutput(), Console.OpenStandardError(), dialect);

    /// <summary>The dialect lines are written in: the version the host negotiated (VERSION), or the one given.</summary>
    public PtIpc.Dialects Dialect
    {
        get => _dialect;
        internal set => _dialect = value;
    }

    /// <summary>
    /// The 2.2 <c>-ipcLogLevel</c>: in dialect 2.2, <see cref="Log"/> sends only messages at this level or more
    /// severe, and none at <see cref="PtConfig.IpcLogLevel.None"/> (the default, pt-2.2 §1.1.1). Other dialects send every LOG.
    /// </summary>
    public PtConfig.IpcLogLevel LogLevel
    {
        get => _logLevel;
        internal set => _logLevel = value;
    }

    /// <summary>False once a write failed: the parent no longer reads.</summary>
    public bool IsConnected => !_broken;

    /// <summary>
    /// Writes <paramref name="message"/> as one line. False when it cannot be written so that it parses back (a value
    /// the formatter refuses), when it is longer than <see cref="PtMessageExtensions.MaxLineBytes"/>, or when the
    /// stream failed.
    /// </summary>
    public bool Write(IPtMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_broken) return false;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(FirstBuffer);
        try
        {
            int written;
            OperationStatus status;
            while ((status = message.TryFormat(buffer, out written)) == OperationStatus.DestinationTooSmall && buffer.Length < PtMessageExtensions.MaxLineBytes)
            {
                int size = Math.Min(buffer.Length * 2, PtMessageExtensions.MaxLineBytes);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(size);
            }
            if (status != OperationStatus.Done) return false;
            var stream = StreamFor(message) == PtStream.Stderr ? _stderr : _stdout;
            lock (_gate)
            {
                if (_broken) return false;
                stream.Write(buffer, 0, written);
                stream.Flush();
            }
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            _broken = true;
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Writes a LOG line: <c>LOG SEVERITY=... MESSAGE="..."</c> (pt-spec §3.3.4), or in dialect 2.2
    /// <c>LOG LEVEL message</c> filtered by <see cref="LogLevel"/>, with line breaks and NUL turned into spaces
    /// (2.2's message is the rest of the line). Never put secrets or client addresses in a LOG: the parent logs it.
    /// </summary>
    /// <returns>True when the line was written, false when it was filtered out or could not be written.</returns>
    public bool Log(PtIpc.LogSeverity severity, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_dialect != PtIpc.Dialects.V2_2) return Write(new PtIpc.LogMessage(severity, message));
        var level = severity switch
        {
            PtIpc.LogSeverity.Error => PtIpc.LogLevel.Error,
            PtIpc.LogSeverity.Warning => PtIpc.LogLevel.Warn,
            PtIpc.LogSeverity.Notice or PtIpc.LogSeverity.Info => PtIpc.LogLevel.Info,
            _ => PtIpc.LogLevel.Debug,
        };
        if (!Sends(level)) return false;
        string text = message.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0
            ? message.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', ' ')
            : message;
        return Write(new PtIpc.DispatcherLogMessage(level, text.Length == 0 ? " " : text));
    }

    /// <summary>Writes <c>STATUS TRANSPORT=transport k=v ...</c> (pt-spec §3.3.5); at least one pair is needed.</summary>
    public bool Status(string transport, PtKeyValueList values)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(values);
        return Write(new PtIpc.StatusMessage(transport, values));
    }

    // -ipcLogLevel orders NONE < ERROR < WARN < INFO < DEBUG; a message is sent when its level is within it.
    private bool Sends(PtIpc.LogLevel level) => _logLevel switch
    {
        PtConfig.IpcLogLevel.Error => level == PtIpc.LogLevel.Error,
        PtConfig.IpcLogLevel.Warn => level is PtIpc.LogLevel.Error or PtIpc.LogLevel.Warn,
        PtConfig.IpcLogLevel.Info => level != PtIpc.LogLevel.Debug,
        PtConfig.IpcLogLevel.Debug => true,
        _ => false,
    };

    private PtStream StreamFor(IPtMessage message) =>
        Enum.TryParse(message.KindName, out PtIpc.MessageKind kind) ? PtIpc.StreamOf(kind, _dialect) : PtStream.Stdout;

    /// <summary>The dialect a version names on the wire (<see cref="PtIpc.Dialects.None"/> for one the spec does not know).</summary>
    internal static PtIpc.Dialects DialectOf(string version)
    {
        Span<byte> bytes = stackalloc byte[16];
        return version.Length <= bytes.Length && Utf8.TryGetBytes(version, bytes, out int n)
            ? PtIpc.DialectOf(bytes[..n])
            : PtIpc.Dialects.None;
    }
}
