using System;
using System.Collections.Generic;
using System.Net.Sockets;
using PtToolkit.Text;

namespace PtToolkit.Config;

public static partial class PtConfig
{
    public sealed partial record PtClientConfig
    {
        /// <summary>The transports to launch: the list, or the single <c>-transport</c>.</summary>
        public IReadOnlyList<string> TransportNames => ClientTransports ?? (Transport is null ? Array.Empty<string>() : new[] { Transport });

        /// <summary>Where the dispatcher client listens, when the parent chose (<c>-proxylistenaddr</c>, or host and port).</summary>
        public PtEndpoint? ListenEndpoint => ProxyListenAddr ?? (ProxyListenHost is { } host && ProxyListenPort is { } port
            ? new PtEndpoint(host.ToString(), host.AddressFamily == AddressFamily.InterNetworkV6 ? PtHostKind.IPv6 : PtHostKind.IPv4, port)
            : null);

        static partial void OnBound(PtConfigSource source, ref PtClientConfig config, ref PtConfigError error)
        {
            if (config.ServerRole) error = new PtConfigError(PtConfigErrorKind.Env, "-server", 0, "a client configuration was asked for, and -server is given");
        }
    }
}
