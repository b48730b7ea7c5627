using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using PtToolkit.Config;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Benchmarks;

/// <summary>
/// Binding the environments of goptlib's BenchmarkInternalServerSetup and BenchmarkInternalClientSetup
/// (../shared/bench/goptlib/testdata/internal_bench_test.go: 3 transports, 4 options, bind addresses, ORPort;
/// 3 transports and a socks5 proxy with credentials) with the generated binders, version negotiation included.
/// goptlib's runs also print the VERSION line to a discarded writer; that line is formatted here too, into a
/// reused buffer, so that both sides do the same work.
/// </summary>
[MemoryDiagnoser]
public class ConfigBindBenchmarks
{
    private const string Options = "obfs4:iat-mode=0;obfs4:node-id=0123456789abcdef0123456789abcdef01234567;" +
        "meek:url=https\\://example.com/;snowflake:ice=stun\\:stun.l.google.com\\:19302";

    private static readonly PtConfigSource Server = PtConfigSource.FromEnvironment(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
        ["TOR_PT_STATE_LOCATION"] = "/tmp/pt-bench-state",
        ["TOR_PT_SERVER_TRANSPORTS"] = "obfs4,meek,snowflake",
        ["TOR_PT_SERVER_BINDADDR"] = "obfs4-127.0.0.1:4443,meek-[::1]:8443,snowflake-0.0.0.0:9443",
        ["TOR_PT_SERVER_TRANSPORT_OPTIONS"] = Options,
        ["TOR_PT_ORPORT"] = "127.0.0.1:9001",
        ["TOR_PT_EXTENDED_SERVER_PORT"] = "",
        ["TOR_PT_AUTH_COOKIE_FILE"] = "",
    });

    private static readonly PtConfigSource Client = PtConfigSource.FromEnvironment(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
        ["TOR_PT_CLIENT_TRANSPORTS"] = "obfs4,meek_lite,snowflake",
        ["TOR_PT_PROXY"] = "socks5://user:pass@127.0.0.1:1080",
    });

    private readonly byte[] _line = new byte[64];

    /// <summary>Checks that both bindings succeed with what goptlib's benchmarks check.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var server = PtServerConfig.Bind(Server);
        if (!server.Succeeded || server.Config!.Listeners.Count != 3 || server.Config.TransportOptions.Count != 3)
            throw new InvalidOperationException("server environment did not bind: " + server.Error);
        var client = PtClientConfig.Bind(Client);
        if (!client.Succeeded || client.Config!.TransportNames.Count != 3 || client.Config.Proxy is null)
            throw new InvalidOperationException("client environment did not bind: " + client.Error);
    }

    /// <summary>goptlib's ServerSetup: 4515 ns/op, 3024 B/op, 66 allocs/op in its own run (results/internal-run1.txt).</summary>
    [Benchmark]
    public int ServerSetup()
    {
        var binding = PtServerConfig.Bind(Server);
        return VersionLine(binding.Version!) + binding.Config!.Listeners.Count;
    }

    /// <summary>goptlib's ClientSetup: 816 ns/op, 352 B/op, 7 allocs/op in its own run.</summary>
    [Benchmark]
    public int ClientSetup()
    {
        var binding = PtClientConfig.Bind(Client);
        return VersionLine(binding.Version!) + binding.Config!.TransportNames.Count;
    }

    private int VersionLine(string version) =>
        PtToolkit.Ipc.PtIpc.VersionMessage.TryFormat(_line, version, out int written) == System.Buffers.OperationStatus.Done ? written : -1;
}
