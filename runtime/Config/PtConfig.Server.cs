using System;
using System.Collections.Generic;
using System.Net.Sockets;
using PtToolkit.Text;

namespace PtToolkit.Config;

public static partial class PtConfig
{
    public sealed partial record PtServerConfig
    {
        private static readonly IReadOnlyDictionary<string, PtKeyValueList> NoOptions = new Dictionary<string, PtKeyValueList>();

        /// <summary>The transports to launch: the list, or the single <c>-transport</c>.</summary>
        public IReadOnlyList<string> TransportNames => ServerTransports ?? (Transport is null ? Array.Empty<string>() : new[] { Transport });

        /// <summary>
        /// Where each transport listens: <see cref="BindAddresses"/>, or the single <c>-transport</c> at
        /// <c>-bindhost</c>:<c>-bindport</c>; empty when the parent left the choice to the PT.
        /// </summary>
        public IReadOnlyList<PtBindAddress> Listeners => BindAddresses
            ?? (Transport is { } transport && BindHost is { } host && BindPort is { } port
                ? new[] { new PtBindAddress(transport, new PtEndpoint(host.ToString(), host.AddressFamily == AddressFamily.InterNetworkV6 ? PtHostKind.IPv6 : PtHostKind.IPv4, port)) }
                : Array.Empty<PtBindAddress>());

        /// <summary>Where transformed traffic goes when there is no Extended ORPort: the ORPort or the 2.x target.</summary>
        public PtEndpoint? Destination => OrPort ?? Target ?? (TargetHost is { } host && TargetPort is { } port
            ? new PtEndpoint(host, KindOf(host), port)
            : null);

        /// <summary>The per-transport options: <see cref="Options"/>, or the content of <see cref="OptionsFile"/> read at bind time.</summary>
        public IReadOnlyDictionary<string, PtKeyValueList> TransportOptions => Options ?? OptionsFileContent ?? NoOptions;

        /// <summary>The options read from <see cref="OptionsFile"/> when the configuration was bound.</summary>
        public IReadOnlyDictionary<string, PtKeyValueList>? OptionsFileContent { get; private init; }

        /// <summary>
        /// Drops bind addresses of transports that were not asked for (PT 1.0 §3.2.3: the keys name requested
        /// transports; goptlib drops the others too) and reads the options file within its size limit.
        /// </summary>
        static partial void OnBound(PtConfigSource source, ref PtServerConfig config, ref PtConfigError error)
        {
            if (config.ClientRole)
            {
                error = new PtConfigError(PtConfigErrorKind.Env, "-client", 0, "a server configuration was asked for, and -client is given");
                return;
            }
            if (config.BindAddresses is { } binds)
            {
                var kept = PtBindAddresses.OnlyAsked(binds, config.TransportNames);
                if (!ReferenceEquals(kept, binds)) config = config with { BindAddresses = kept };
            }
            if (config.OptionsFile is { } path)
            {
                if (!PtOptionsFile.TryRead(path, out var options, out error)) return;
                config = config with { OptionsFileContent = options };
            }
        }

        private static PtHostKind KindOf(string host) =>
            System.Net.IPAddress.TryParse(host, out var ip) ? ip.AddressFamily == AddressFamily.InterNetworkV6 ? PtHostKind.IPv6 : PtHostKind.IPv4 : PtHostKind.Name;
    }
}
