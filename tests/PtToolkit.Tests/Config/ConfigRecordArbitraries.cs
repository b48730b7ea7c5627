using System.Linq;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Config;
using PtToolkit.Text;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Tests.Config;

/// <summary>A client configuration that satisfies every rule of spec/pt-config.spec.</summary>
public sealed record ClientCase(PtClientConfig Config);

/// <summary>A server configuration that satisfies every rule of spec/pt-config.spec.</summary>
public sealed record ServerCase(PtServerConfig Config);

/// <summary>Whole configurations, each parameter drawn from its grammar's generator or left out.</summary>
public static class ConfigRecordArbitraries
{
    private static Gen<T?> Maybe<T>(Gen<T> gen) where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(v => (T?)v)));

    private static readonly Gen<string[]> Names = ConfigArbitraries.NameLists().Generator.Select(l => l.Names);

    private static readonly Gen<string> Path = Gen.Elements("/var/lib/tor/pt_state/", "state", "/tmp/a b/ü", "C:\\pt");

    private static readonly Gen<IPAddress> V4 = Gen.ArrayOf(Gen.Choose(0, 255), 4).Select(b => new IPAddress(b.Select(x => (byte)x).ToArray()));

    private static readonly Gen<IPAddress> V6 = Gen.ArrayOf(Gen.Choose(0, 255), 16).Select(b => new IPAddress(b.Select(x => (byte)x).ToArray()));

    private static readonly Gen<PtEndpoint> Connectable =
        from ip in Gen.OneOf(V4, V6)
        from port in Gen.Choose(1, 65535)
        select new PtEndpoint(ip.ToString(), ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? PtHostKind.IPv6 : PtHostKind.IPv4, (ushort)port);

    private static readonly Gen<(PtEndpoint? Target, string? Host, ushort? Port)> Targets = Gen.OneOf(
        Gen.Constant<(PtEndpoint?, string?, ushort?)>((null, null, null)),
        Gen.OneOf(Connectable, Gen.Choose(1, 65535).Select(p => new PtEndpoint("example.com", PtHostKind.Name, (ushort)p))).Select(t => ((PtEndpoint?)t, (string?)null, (ushort?)null)),
        from host in Gen.Elements("example.com", "192.0.2.1", "2001:db8::1")
        from port in Gen.Choose(1, 65535)
        select ((PtEndpoint?)null, (string?)host, (ushort?)port));

    /// <summary>Client configurations.</summary>
    public static Arbitrary<ClientCase> Clients() =>
        (from versions in Names
         from state in Maybe(Path)
         from exit in Gen.Elements(true, false)
         from single in Gen.Elements(true, false)
         from transports in Names
         from proxy in Maybe(ConfigArbitraries.Proxies().Generator.Select(p => p.Proxy))
         from listen in Gen.Choose(0, 2)
         from listenEndpoint in Connectable
         from level in Gen.Elements(IpcLogLevel.None, IpcLogLevel.Error, IpcLogLevel.Warn, IpcLogLevel.Info, IpcLogLevel.Debug)
         from mode in Gen.Elements(ProxyMode.Socks5, ProxyMode.TransparentTcp, ProxyMode.TransparentUdp, ProxyMode.Stun)
         from target in Targets
         from v4 in Maybe(V4)
         from v6 in Maybe(V6)
         from clientFlag in Gen.Elements(true, false)
         select new ClientCase(new PtClientConfig
         {
             Versions = versions.Append("1").ToArray(),
             StateLocation = state,
             ExitOnStdinClose = exit,
             ClientRole = clientFlag,
             Transport = single ? transports[0] : null,
             ClientTransports = single ? null : transports,
             Proxy = proxy,
             ProxyListenAddr = listen == 1 ? listenEndpoint : null,
             ProxyListenHost = listen == 2 ? IPAddress.Parse(listenEndpoint.Host) : null,
             ProxyListenPort = listen == 2 ? listenEndpoint.Port : null,
             IpcLogLevel = level,
             Mode = mode,
             Target = target.Target,
             TargetHost = target.Host,
             TargetPort = target.Port,
             OutboundBindAddressV4 = v4,
             OutboundBindAddressV6 = v6,
         })).ToArbitrary();

    /// <summary>Server configurations.</summary>
    public static Arbitrary<ServerCase> Servers() =>
        (from versions in Names
         from state in Maybe(Path)
         from exit in Gen.Elements(true, false)
         from single in Gen.Elements(true, false)
         from binds in ConfigArbitraries.BindLists().Generator
         from bindKind in Gen.Choose(0, 1)
         from bindEndpoint in Connectable
         from destination in Gen.Choose(0, 2)
         from orport in Connectable
         from extended in Maybe(Connectable.Select(e => (object)e))
         from target in Targets
         from options in Maybe(ConfigArbitraries.OptionSets().Generator.Select(o => o.Options))
         select new ServerCase(new PtServerConfig
         {
             Versions = versions.Append("1").ToArray(),
             StateLocation = state,
             ExitOnStdinClose = exit,
             Transport = single ? binds.Addresses[0].Transport : null,
             ServerTransports = single ? null : binds.Addresses.Select(b => b.Transport).ToArray(),
             BindAddresses = single && bindKind == 1 ? null : single ? binds.Addresses.Take(1).ToArray() : binds.Addresses,
             BindHost = single && bindKind == 1 ? IPAddress.Parse(bindEndpoint.Host) : null,
             BindPort = single && bindKind == 1 ? bindEndpoint.Port : null,
             OrPort = destination == 0 ? orport : null,
             ExtendedServerPort = destination == 2 ? orport : destination == 0 && extended is not null ? (PtEndpoint)extended : null,
             AuthCookieFile = destination == 2 || (destination == 0 && extended is not null) ? "/var/lib/tor/extended_orport_auth_cookie" : null,
             Target = destination == 1 ? target.Target ?? orport : null,
             TargetHost = null,
             TargetPort = null,
             Options = options?.ToDictionary(o => o.Key, o => o.Value),
         })).ToArbitrary();
}
