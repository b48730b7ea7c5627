using System.Collections.Generic;

namespace PtToolkit.Control;

/// <summary>
/// What ADD_ONION answered (torspec control-spec, ADD_ONION): <c>ServiceID</c>, the <c>PrivateKey</c> of a
/// new key unless discarded, and any other lines (<c>ClientAuth</c>, future keywords) kept as pairs.
/// </summary>
public sealed class TorOnionService
{
    private TorOnionService(string serviceId, string? privateKey, IReadOnlyList<KeyValuePair<string, string?>> lines)
    {
        ServiceId = serviceId;
        PrivateKey = privateKey;
        Lines = lines;
    }

    /// <summary>The service's address without <c>.onion</c>.</summary>
    public string ServiceId { get; }

    /// <summary><c>KeyType:KeyBlob</c> of a key Tor made, or null. A secret: it never appears in <see cref="ToString"/>.</summary>
    public string? PrivateKey { get; }

    /// <summary>Every line of the reply but the final <c>OK</c>, as keyword and value, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Lines { get; }

    /// <summary>Reads an ADD_ONION reply; throws <see cref="TorControlProtocolException"/> when it has no ServiceID.</summary>
    public static TorOnionService FromReply(TorReply reply)
    {
        var lines = TorControlClient.ReadPairs(reply, "ADD_ONION", skipOk: true);
        string? serviceId = null, privateKey = null;
        foreach (var (key, value) in lines)
        {
            if (key == "ServiceID") serviceId ??= value;
            else if (key == "PrivateKey") privateKey ??= value;
        }
        if (string.IsNullOrEmpty(serviceId)) throw new TorControlProtocolException("ADD_ONION: the reply has no ServiceID");
        return new TorOnionService(serviceId, privateKey, lines);
    }

    /// <summary>The service id only.</summary>
    public override string ToString() => ServiceId;
}
