using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Control;

public sealed partial class TorControlClient
{
    /// <summary>Sends a raw one-line command (without CRLF) and returns its reply, whatever its status.</summary>
    /// <exception cref="ArgumentException">The line holds a CR, LF or other control character, or does not start with a keyword.</exception>
    public Task<TorReply> SendAsync(string commandLine, CancellationToken cancellationToken = default)
    {
        if (!TorCommandBuilder.TryCreateRaw(commandLine, out var command, out var error))
            throw new ArgumentException($"not a command line: {error}", nameof(commandLine));
        return SendAsync(command!, cancellationToken);
    }

    /// <summary>GETINFO (§3.9): the values of <paramref name="keys"/>; a multi-line value has its lines joined by LF.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetInfoAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        var reply = await SendCheckedAsync(TorEvents.GetInfoCommand.Create(keys), cancellationToken).ConfigureAwait(false);
        return ReadGetInfo(reply);
    }

    /// <summary>GETINFO of one key.</summary>
    public async Task<string> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        var values = await GetInfoAsync([key], cancellationToken).ConfigureAwait(false);
        return values.TryGetValue(key, out string? value) ? value : throw new TorControlProtocolException($"GETINFO: no value for the key asked");
    }

    /// <summary>
    /// GETCONF (§3.3): each option's values in order, an option set several times appearing several times;
    /// a null value is an option at its default (<c>250 keyword</c>).
    /// </summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string?>>> GetConfAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        var reply = await SendCheckedAsync(TorEvents.GetConfCommand.Create(keys), cancellationToken).ConfigureAwait(false);
        return ReadPairs(reply, "GETCONF", skipOk: false);
    }

    /// <summary>SETCONF (§3.1): sets the options all or none; a null value resets an option to 0 or empty.</summary>
    public Task SetConfAsync(IEnumerable<KeyValuePair<string, string?>> settings, CancellationToken cancellationToken = default) =>
        SendCheckedAsync(TorEvents.SetConfCommand.Create(settings), cancellationToken);

    /// <summary>SETCONF of one option.</summary>
    public Task SetConfAsync(string key, string? value, CancellationToken cancellationToken = default) =>
        SetConfAsync([new KeyValuePair<string, string?>(key, value)], cancellationToken);

    /// <summary>RESETCONF (§3.2): back to the default, then set to the value when one is given.</summary>
    public Task ResetConfAsync(IEnumerable<KeyValuePair<string, string?>> settings, CancellationToken cancellationToken = default) =>
        SendCheckedAsync(TorEvents.ResetConfCommand.Create(settings), cancellationToken);

    /// <summary>RESETCONF of one option to its default.</summary>
    public Task ResetConfAsync(string key, CancellationToken cancellationToken = default) =>
        ResetConfAsync([new KeyValuePair<string, string?>(key, null)], cancellationToken);

    /// <summary>SAVECONF (§3.6): Tor writes its configuration to its torrc (<c>FORCE</c> overrides a torrc Tor did not expect).</summary>
    public Task SaveConfAsync(bool force = false, CancellationToken cancellationToken = default) =>
        SendCheckedAsync(TorEvents.SaveConfCommand.Create(force), cancellationToken);

    /// <summary>SETEVENTS (§3.4): the events to receive, replacing the previous set (none turns all off).</summary>
    public Task SetEventsAsync(IEnumerable<string> events, CancellationToken cancellationToken = default) =>
        SendCheckedAsync(TorEvents.SetEventsCommand.Create(extended: false, events), cancellationToken);

    /// <summary>SIGNAL (§3.7), for example <c>NEWNYM</c> or <c>RELOAD</c>.</summary>
    public Task SignalAsync(string signal, CancellationToken cancellationToken = default) =>
        SendCheckedAsync(TorEvents.SignalCommand.Create(signal), cancellationToken);

    /// <summary>MAPADDRESS (§3.8): each original address to its replacement; returns the mappings Tor made.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> MapAddressAsync(IEnumerable<KeyValuePair<string, string>> mappings, CancellationToken cancellationToken = default)
    {
        var reply = await SendCheckedAsync(TorEvents.MapAddressCommand.Create(mappings), cancellationToken).ConfigureAwait(false);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (from, to) in ReadPairs(reply, "MAPADDRESS", skipOk: false, requireValue: true)) result.Add(new(from, to!));
        return result;
    }

    /// <summary>TAKEOWNERSHIP (§3.23): Tor exits when this connection closes.</summary>
    public Task TakeOwnershipAsync(CancellationToken cancellationToken = default) =>
        SendCheckedAsync(TorEvents.TakeOwnershipCommand.Create(), cancellationToken);

    /// <summary>DROPOWNERSHIP (torspec, Tor 0.4.0): undoes TAKEOWNERSHIP.</summary>
    public Task DropOwnershipAsync(CancellationToken cancellationToken = default) =>
        SendCheckedAsync(TorEvents.DropOwnershipCommand.Create(), cancellationToken);

    /// <summary>
    /// ADD_ONION (torspec): <paramref name="key"/> is <c>NEW:BEST</c>, <c>NEW:ED25519-V3</c> or
    /// <c>ED25519-V3:&lt;blob&gt;</c> (a secret: an ADD_ONION command is never shown and is wiped once sent); <paramref name="ports"/> are
    /// <c>VirtPort[,Target]</c>; <paramref name="flags"/> for example <c>DiscardPK</c>, <c>Detach</c>.
    /// </summary>
    public async Task<TorOnionService> AddOnionAsync(string key, IEnumerable<string> ports, IEnumerable<string>? flags = null, CancellationToken cancellationToken = default)
    {
        var reply = await SendCheckedAsync(TorEvents.AddOnionCommand.Create(key, flags, ports), cancellationToken).ConfigureAwait(false);
        return TorOnionService.FromReply(reply);
    }

    /// <summary>DEL_ONION (torspec): removes an onion service this or a detached session created.</summary>
    public Task DelOnionAsync(string serviceId, CancellationToken cancellationToken = default) =>
        SendCheckedAsync(TorEvents.DelOnionCommand.Create(serviceId), cancellationToken);

    /// <summary>QUIT (§3.18): Tor answers, then closes the connection; the event sequence then ends.</summary>
    public Task QuitAsync(CancellationToken cancellationToken = default) =>
        SendCheckedAsync(TorEvents.QuitCommand.Create(), cancellationToken);

    /// <summary>Builds, sends, and throws <see cref="TorCommandException"/> unless every line of the reply is 2yz.</summary>
    private async Task<TorReply> SendCheckedAsync(TorCommandBuilder builder, CancellationToken cancellationToken)
    {
        if (!builder.TryBuild(out var command, out var error)) throw new ArgumentException($"cannot encode the command: {error}");
        var reply = await SendAsync(command!, cancellationToken).ConfigureAwait(false);
        ThrowIfFailed(command!.Keyword, reply);
        return reply;
    }

    /// <summary>Throws for the first line of <paramref name="reply"/> that is not 2yz (§4).</summary>
    internal static void ThrowIfFailed(string keyword, TorReply reply)
    {
        if (reply.IsSuccess) return;
        foreach (var line in reply.View.Lines)
        {
            if (!line.IsSuccess) throw new TorCommandException(keyword, line.StatusCode, Encoding.UTF8.GetString(line.Text));
        }
    }

    /// <summary>GETINFO lines (§3.9) through the generated <see cref="TorEvents.GetInfoReply"/>: <c>keyword=value</c>, or <c>keyword=</c> and a data block; the final <c>250 OK</c> skipped.</summary>
    internal static Dictionary<string, string> ReadGetInfo(TorReply reply)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ReadPairs(reply, "GETINFO", skipOk: true, requireValue: true)) values[key] = value!;
        return values;
    }

    /// <summary>
    /// Reply lines read as <c>keyword=value</c> (or <c>keyword</c> alone unless <paramref name="requireValue"/>),
    /// a data line giving its block as the value; a final <c>250 OK</c> skipped when <paramref name="skipOk"/>.
    /// Read through the generated pairs views: <see cref="TorEvents.GetInfoReply"/> (value required, OK skipped),
    /// <see cref="TorEvents.MapAddressReply"/> (value required) and <see cref="TorEvents.GetConfReply"/> (value optional).
    /// </summary>
    /// <exception cref="TorControlProtocolException">A line is not keyword=value, or has text after <c>keyword=</c> on a data line.</exception>
    internal static List<KeyValuePair<string, string?>> ReadPairs(TorReply reply, string command, bool skipOk, bool requireValue = false)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        TorControlError error;
        if (requireValue && skipOk)
        {
            if (!TorEvents.GetInfoReply.TryParse(reply.View, out var info, out error)) throw NotPairs(command, error);
            foreach (var pair in info.Pairs) pairs.Add(new(Encoding.UTF8.GetString(pair.Key), ValueOf(pair.Line, pair.Value)));
        }
        else if (requireValue)
        {
            if (!TorEvents.MapAddressReply.TryParse(reply.View, out var mapped, out error)) throw NotPairs(command, error);
            foreach (var pair in mapped.Pairs) pairs.Add(new(Encoding.UTF8.GetString(pair.Address), ValueOf(pair.Line, pair.Replacement)));
        }
        else
        {
            if (!TorEvents.GetConfReply.TryParse(reply.View, out var conf, out error)) throw NotPairs(command, error);
            foreach (var pair in conf.Pairs)
            {
                if (skipOk && pair.Line.Kind == TorLineKind.End && !pair.HasValue && pair.Key.SequenceEqual("OK"u8)) continue;
                pairs.Add(new(Encoding.UTF8.GetString(pair.Key), pair.HasValue ? ValueOf(pair.Line, pair.Value) : null));
            }
        }
        return pairs;
    }

    /// <summary>A pair's value: its data block (§3.9, lines joined by LF), or its value decoded.</summary>
    private static string ValueOf(TorReplyLineView line, TorArgumentView value) => line.HasData ? line.Data.ToString() : value.ToString();

    private static TorControlProtocolException NotPairs(string command, TorControlError error) =>
        new($"{command}: a reply line is not keyword=value ({error})");
}
