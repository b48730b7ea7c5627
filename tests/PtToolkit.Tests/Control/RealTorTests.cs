using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>
/// The client against Debian's tor 0.4.9 with no network: SAFECOOKIE over TCP and HASHEDPASSWORD over the
/// control socket, the commands of the client, events beside commands, pipelining, ownership, QUIT.
/// </summary>
public class RealTorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private const string Password = "pt toolkit \"control\" test";

    /// <summary>
    /// Reads events until one is a CONF_CHANGED holding <paramref name="key"/>; returns its value. Every event
    /// tor sends on the way must read through its generated view (spec/control.spec).
    /// </summary>
    private static async Task<string?> ConfChangedAsync(IAsyncEnumerator<TorReply> events, string key)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (await events.MoveNextAsync().AsTask().WaitAsync(timeout.Token))
        {
            var recorder = new TorEventsTests.Recorder();
            var kind = TorEvents.DispatchEvent(events.Current.View.FirstLine, ref recorder);
            Assert.True(recorder.Valid == 1, $"{events.Current.EventName} from tor: {recorder.LastError}");
            if (events.Current.EventName != "CONF_CHANGED") continue;
            Assert.Equal(TorEvents.EventKind.ConfChanged, kind);
            foreach (var line in events.Current.View.Lines)
            {
                if (line.TrySplitKeyValue(out var pair) && pair.KeyString == key) return pair.HasValue ? pair.ToString() : null;
            }
        }
        throw new InvalidOperationException("the events ended without CONF_CHANGED");
    }

    [Fact]
    public async Task Tor_answers_every_command_and_sends_events_beside_them()
    {
        await using var tor = await TorProcess.StartAsync(Password);
        await using var client = await TorControlClient.ConnectAsync(tor.ControlPort).WaitAsync(Wait);
        var info = await client.GetProtocolInfoAsync().WaitAsync(Wait);
        Assert.Equal(TorAuthMethods.Cookie | TorAuthMethods.SafeCookie | TorAuthMethods.HashedPassword, info.Methods);
        Assert.StartsWith("0.4.9", info.TorVersion, StringComparison.Ordinal);
        Assert.Equal(TorAuthMethods.SafeCookie, await client.AuthenticateAsync().WaitAsync(Wait));

        Assert.StartsWith("0.4.9", await client.GetInfoAsync("version").WaitAsync(Wait), StringComparison.Ordinal);
        Assert.Equal([new("SocksPort", "0"), new KeyValuePair<string, string?>("DisableNetwork", "1")],
            await client.GetConfAsync(["SocksPort", "DisableNetwork"]).WaitAsync(Wait));

        await client.SetEventsAsync(["CONF_CHANGED", "NOTICE", "SIGNAL"]).WaitAsync(Wait);
        await using var events = client.ReadEventsAsync().GetAsyncEnumerator();
        const string contact = "tester \"quoted\" \\ back\\slash, tab\t and é";
        await client.SetConfAsync("ContactInfo", contact).WaitAsync(Wait);
        Assert.Equal(contact, await ConfChangedAsync(events, "ContactInfo"));
        Assert.Equal(contact, (await client.GetConfAsync(["ContactInfo"]).WaitAsync(Wait)).Single().Value);

        // Pipelined: all sent before any reply is read, each matched to its own reply.
        var version = client.GetInfoAsync("version");
        var dirtiness = client.GetConfAsync(["MaxCircuitDirtiness"]);
        var unknown = client.SendAsync("GETINFO no-such-key");
        var configText = client.GetInfoAsync("config-text");
        var unknownOption = client.SetConfAsync("NoSuchOption", "1");
        await Task.WhenAll(version, dirtiness, unknown, configText).WaitAsync(Wait);
        Assert.StartsWith("0.4.9", await version, StringComparison.Ordinal);
        Assert.Equal("MaxCircuitDirtiness", (await dirtiness).Single().Key);
        Assert.Equal(TorStatusCode.UnrecognizedEntity, (await unknown).Status);
        Assert.Contains("DisableNetwork 1", await configText, StringComparison.Ordinal);
        Assert.Equal(TorStatusCode.UnrecognizedEntity, (await Assert.ThrowsAsync<TorCommandException>(() => unknownOption.WaitAsync(Wait))).Status);

        await client.ResetConfAsync("ContactInfo").WaitAsync(Wait);
        Assert.Null(await ConfChangedAsync(events, "ContactInfo"));
        await client.SaveConfAsync().WaitAsync(Wait);
        await client.SignalAsync("CLEARDNSCACHE").WaitAsync(Wait);
        var mapped = await client.MapAddressAsync([new("0.0.0.0", "torproject.org")]).WaitAsync(Wait);
        Assert.Equal("torproject.org", mapped.Single().Value);
        Assert.True(System.Net.IPAddress.TryParse(mapped.Single().Key, out _));
        await Assert.ThrowsAsync<TorCommandException>(() => client.SignalAsync("NO_SUCH_SIGNAL").WaitAsync(Wait));

        var onion = await client.AddOnionAsync("NEW:ED25519-V3", ["80,127.0.0.1:9"], ["DiscardPK"]).WaitAsync(Wait);
        Assert.Equal(56, onion.ServiceId.Length);
        Assert.Null(onion.PrivateKey);
        await client.DelOnionAsync(onion.ServiceId).WaitAsync(Wait);
        var kept = await client.AddOnionAsync("NEW:ED25519-V3", ["80,127.0.0.1:9"]).WaitAsync(Wait);
        Assert.StartsWith("ED25519-V3:", kept.PrivateKey, StringComparison.Ordinal);
        await client.DelOnionAsync(kept.ServiceId).WaitAsync(Wait);

        await client.TakeOwnershipAsync().WaitAsync(Wait);
        await client.DropOwnershipAsync().WaitAsync(Wait);
        await client.QuitAsync().WaitAsync(Wait);
        while (await events.MoveNextAsync().AsTask().WaitAsync(Wait))
        {
        }
    }

    [Fact]
    public async Task A_password_authenticates_over_the_control_socket_and_a_wrong_one_is_refused()
    {
        await using var tor = await TorProcess.StartAsync(Password);
        await using (var client = await TorControlClient.ConnectAsync(tor.ControlSocket).WaitAsync(Wait))
        {
            Assert.Equal(TorAuthMethods.HashedPassword, await client.AuthenticateAsync(Password).WaitAsync(Wait));
            Assert.StartsWith("0.4.9", await client.GetInfoAsync("version").WaitAsync(Wait), StringComparison.Ordinal);
            await client.QuitAsync().WaitAsync(Wait);
        }
        await using (var client = await TorControlClient.ConnectAsync(tor.ControlPort).WaitAsync(Wait))
        {
            var refused = await Assert.ThrowsAsync<TorCommandException>(() => client.AuthenticateAsync("wrong").WaitAsync(Wait));
            Assert.Equal(TorStatusCode.BadAuthentication, refused.Status);
        }
    }

    [Fact]
    public async Task Tor_exits_when_the_owning_connection_closes()
    {
        await using var tor = await TorProcess.StartAsync(Password);
        await using (var client = await TorControlClient.ConnectAsync(tor.ControlPort).WaitAsync(Wait))
        {
            await client.AuthenticateAsync().WaitAsync(Wait);
            await client.TakeOwnershipAsync().WaitAsync(Wait);
            await client.QuitAsync().WaitAsync(Wait);
        }
        Assert.True(await tor.WaitForExitAsync(), tor.Output);
    }
}
