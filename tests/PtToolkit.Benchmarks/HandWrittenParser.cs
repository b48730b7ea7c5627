using System;
using System.Globalization;
using System.Text;

namespace PtToolkit.Benchmarks;

/// <summary>
/// What a C# user writes by hand for the IPC lines (TOOLCHAIN.md): decode the line to a string, split it
/// on spaces, switch on the keyword and pull the fields into locals. It validates nothing beyond what the
/// splitting needs, and does not decode CString escapes.
/// </summary>
public static class HandWrittenParser
{
    /// <summary>Parses one line that ends in LF and returns a checksum of its fields.</summary>
    public static long ParseLine(ReadOnlySpan<byte> line)
    {
        string text = Encoding.UTF8.GetString(line[..^1]);
        string[] parts = text.Split(' ');
        switch (parts[0])
        {
            case "VERSION":
            {
                string version = parts[1];
                return version.Length;
            }
            case "CMETHOD":
            {
                string transport = parts[1];
                string method = parts[2];
                (string host, int port) = SplitAddress(parts[3]);
                return transport.Length + method.Length + host.Length + port;
            }
            case "CMETHODS":
            case "SMETHODS":
                return parts[1] == "DONE" ? 1 : 0;
            case "SMETHOD":
            {
                string transport = parts[1];
                (string host, int port) = SplitAddress(parts[2]);
                long sum = transport.Length + host.Length + port;
                if (parts.Length > 3 && parts[3].StartsWith("ARGS:", StringComparison.Ordinal))
                {
                    foreach (string pair in parts[3].Substring(5).Split(','))
                    {
                        string[] kv = pair.Split('=', 2);
                        string key = kv[0];
                        string value = kv[1];
                        sum += key.Length + value.Length;
                    }
                }
                return sum;
            }
            case "LOG":
            {
                string severity = parts[1].Substring("SEVERITY=".Length);
                int at = text.IndexOf("MESSAGE=\"", StringComparison.Ordinal) + "MESSAGE=\"".Length;
                string message = text.Substring(at, text.Length - at - 1);
                return severity.Length + message.Length;
            }
            case "STATUS":
            {
                string transport = parts[1].Substring("TRANSPORT=".Length);
                long sum = transport.Length;
                for (int i = 2; i < parts.Length; i++)
                {
                    string[] kv = parts[i].Split('=', 2);
                    string key = kv[0];
                    string value = kv[1];
                    sum += key.Length + value.Length;
                }
                return sum;
            }
            default:
                return 0;
        }
    }

    private static (string Host, int Port) SplitAddress(string address)
    {
        int colon = address.LastIndexOf(':');
        return (address.Substring(0, colon), int.Parse(address.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }
}
