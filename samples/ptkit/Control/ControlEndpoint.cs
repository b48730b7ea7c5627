using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PtToolkit.Cli.Control;

/// <summary>Where the control port is: an endpoint as written on the command line, or tor's ControlPortWriteToFile.</summary>
internal static class ControlEndpoint
{
    /// <summary>A port file larger than this is not tor's (it writes one short line per control listener).</summary>
    public const int MaxPortFileBytes = 64 * 1024;

    /// <summary>
    /// Reads <c>HOST:PORT</c> (an IPv4 address, <c>[IPv6]</c> or <c>localhost</c>) as TCP, and <c>unix:PATH</c> or
    /// any text holding a <c>/</c> as a Unix domain socket (tor's <c>ControlSocket</c>).
    /// </summary>
    public static bool TryParse(string text, out EndPoint? endPoint, out string error)
    {
        endPoint = null;
        error = "";
        if (text.StartsWith("unix:", StringComparison.Ordinal) || text.Contains('/'))
        {
            string path = text.StartsWith("unix:", StringComparison.Ordinal) ? text["unix:".Length..] : text;
            if (path.Length == 0)
            {
                error = "the Unix socket path is empty";
                return false;
            }
            endPoint = new UnixDomainSocketEndPoint(path);
            return true;
        }
        int colon = text.LastIndexOf(':');
        if (colon > 0 && text[..colon] == "localhost" && ushort.TryParse(text.AsSpan(colon + 1), out ushort port) && port != 0)
        {
            endPoint = new IPEndPoint(IPAddress.Loopback, port);
            return true;
        }
        if (IPEndPoint.TryParse(text, out var ip) && ip.Port != 0)
        {
            endPoint = ip;
            return true;
        }
        error = $"\"{text}\" is neither HOST:PORT (an IP address or localhost, a port from 1 to 65535) nor a Unix socket path";
        return false;
    }

    /// <summary>
    /// Reads the file tor's <c>ControlPortWriteToFile</c> writes: one line per listener, <c>PORT=ADDRESS:PORT</c>
    /// or <c>UNIX_PORT=PATH</c>. The first line that reads as an endpoint is taken.
    /// </summary>
    public static bool TryReadPortFile(string path, out EndPoint? endPoint, out string error)
    {
        endPoint = null;
        string text;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            byte[] bytes = new byte[MaxPortFileBytes + 1];
            int read = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (read > MaxPortFileBytes)
            {
                error = $"the port file {path} is larger than {MaxPortFileBytes} bytes";
                return false;
            }
            text = Encoding.UTF8.GetString(bytes, 0, read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read the port file {path}: {e.Message}";
            return false;
        }
        foreach (string line in text.Split('\n'))
        {
            string entry = line.TrimEnd('\r');
            if (entry.StartsWith("PORT=", StringComparison.Ordinal) && TryParse(entry["PORT=".Length..], out endPoint, out _) && endPoint is IPEndPoint)
            {
                error = "";
                return true;
            }
            if (entry.StartsWith("UNIX_PORT=", StringComparison.Ordinal) && entry.Length > "UNIX_PORT=".Length)
            {
                endPoint = new UnixDomainSocketEndPoint(entry["UNIX_PORT=".Length..]);
                error = "";
                return true;
            }
        }
        endPoint = null;
        error = $"the port file {path} holds no PORT= or UNIX_PORT= line";
        return false;
    }
}
