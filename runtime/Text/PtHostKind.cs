namespace PtToolkit.Text;

/// <summary>What kind of host an address field holds.</summary>
public enum PtHostKind : byte
{
    /// <summary>A dotted-quad IPv4 address.</summary>
    IPv4 = 1,
    /// <summary>An IPv6 address (written in brackets when a port follows).</summary>
    IPv6 = 2,
    /// <summary>A DNS host name.</summary>
    Name = 3,
}
