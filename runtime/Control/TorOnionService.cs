using System;
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

    /// <summary>
    /// Reads an ADD_ONION reply through the generated <see cref="TorEvents.AddOnionReply"/>; throws
    /// <see cref="TorControlProtocolException"/> when it has no ServiceID or a line is not <c>keyword=value</c>.
    /// </summary>
    public static TorOnionService FromReply(TorReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var lines = TorControlClient.ReadPairs(reply, "ADD_ONION", skipOk: true);
        if (!TorEvents.AddOnionReply.TryParse(reply.View, out var view, out var error))
            throw new TorControlProtocolException($"ADD_ONION: the reply has no ServiceID ({error})");
        string serviceId = view.ServiceId.ToString();
        if (serviceId.Length == 0) throw new TorControlProtocolException("ADD_ONION: the reply has an empty ServiceID");
        return new TorOnionService(serviceId, view.HasPrivateKey ? view.PrivateKey.ToString() : null, lines);
    }

    /// <summary>The service id only.</summary>
    public override string ToString() => ServiceId;
}
