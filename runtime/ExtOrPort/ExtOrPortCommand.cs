namespace PtToolkit.ExtOrPort;

/// <summary>Extended ORPort command codes (ext-orport-spec §3.1): two bytes, big-endian, before a two-byte body length.</summary>
public enum ExtOrPortCommand : ushort
{
    /// <summary>Transport to bridge: no more metadata; OR traffic follows once the bridge answers (body ignored).</summary>
    Done = 0x0000,
    /// <summary>Transport to bridge: the client's address, <c>1.2.3.4:5678</c> or <c>[1:2::3:4]:5678</c> (§3.2.1).</summary>
    UserAddr = 0x0001,
    /// <summary>Transport to bridge: the transport's name, a C identifier (§3.2.2).</summary>
    Transport = 0x0002,
    /// <summary>Bridge to transport: send the user's traffic (body ignored).</summary>
    Okay = 0x1000,
    /// <summary>Bridge to transport: no more traffic from this address for a while (body ignored).</summary>
    Deny = 0x1001,
    /// <summary>Bridge to transport: not used; ignored like any unknown command.</summary>
    Control = 0x1002,
}
