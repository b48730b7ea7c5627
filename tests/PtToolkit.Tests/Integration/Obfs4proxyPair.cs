using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Ipc;
using PtToolkit.Text;
using PtToolkit.Tests.Socks;
using Xunit;

namespace PtToolkit.Tests.Integration;

/// <summary>
/// Debian's obfs4proxy as managed PTs (pt-1.0) on 127.0.0.1: a server in front of a loopback "ORPort" and clients,
/// each with its own state directory, all stopped and removed on Dispose. For tests that judge the runtime's pieces
/// against a peer nobody here wrote.
/// </summary>
internal sealed class Obfs4proxyPair : IDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(20);
    private readonly List<DirectoryInfo> _states = new();
    private readonly List<ManagedPtProcess> _processes = new();

    /// <summary>The "ORPort" the server relays to.</summary>
    public LoopbackListener OrPort { get; } = new();

    /// <summary>Starts a server; its bridge address and the <c>cert</c> of its SMETHOD ARGS.</summary>
    public async Task<(IPEndPoint Bridge, string Cert)> StartServerAsync()
    {
        var pt = Start(("TOR_PT_SERVER_TRANSPORTS", "obfs4"), ("TOR_PT_SERVER_BINDADDR", "obfs4-127.0.0.1:0"),
            ("TOR_PT_ORPORT", OrPort.EndPoint.ToString()));
        var smethod = Parse(await pt.ReadLinesAsync(IsLine("SMETHODS DONE"), StartupTimeout)).OfType<PtIpc.SmethodMessage>().Single();
        Assert.NotNull(smethod.Args);
        Assert.True(smethod.Args.TryGetValue("cert", out string cert), $"no cert in {smethod.Args}");
        return (new IPEndPoint(IPAddress.Parse(smethod.Address.Host), smethod.Address.Port), cert);
    }

    /// <summary>Starts a client with <paramref name="variables"/> added; its SOCKS port and every message up to CMETHODS DONE.</summary>
    public async Task<(IPEndPoint Socks, List<IPtMessage> Messages)> StartClientAsync(params (string Name, string Value)[] variables)
    {
        var pt = Start([("TOR_PT_CLIENT_TRANSPORTS", "obfs4"), .. variables]);
        var messages = Parse(await pt.ReadLinesAsync(IsLine("CMETHODS DONE"), StartupTimeout));
        var cmethod = messages.OfType<PtIpc.CmethodMessage>().Single();
        Assert.Equal(PtIpc.ClientProxyKind.Socks5, cmethod.Method);
        return (new IPEndPoint(IPAddress.Parse(cmethod.Address.Host), cmethod.Address.Port), messages);
    }

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        OrPort.Dispose();
        foreach (var state in _states) state.Delete(recursive: true);
    }

    private ManagedPtProcess Start(params (string Name, string Value)[] variables)
    {
        var state = Directory.CreateTempSubdirectory("pttoolkit-obfs4-");
        _states.Add(state);
        var environment = new Dictionary<string, string>
        {
            ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
            ["TOR_PT_STATE_LOCATION"] = state.FullName + "/",
            ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = "1",
        };
        foreach (var (name, value) in variables) environment[name] = value;
        var process = ManagedPtProcess.Start(Peers.Obfs4proxy(), environment);
        _processes.Add(process);
        return process;
    }

    private static List<IPtMessage> Parse(IEnumerable<byte[]> lines)
    {
        var messages = new List<IPtMessage>();
        foreach (byte[] line in lines)
        {
            var outcome = PtIpc.ParseOwned(line, out var message);
            Assert.True(message is not null, $"'{Encoding.UTF8.GetString(line)}' is not a message: {outcome.Error}");
            messages.Add(message);
        }
        return messages;
    }

    private static Func<byte[], bool> IsLine(string text) => line => Encoding.ASCII.GetString(line).TrimEnd('\r') == text;
}
