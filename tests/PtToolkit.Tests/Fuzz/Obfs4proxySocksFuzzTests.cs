using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Cli.Fuzz;
using PtToolkit.Ipc;
using PtToolkit.Tests.Integration;
using Xunit;
using Xunit.Abstractions;

namespace PtToolkit.Tests.Fuzz;

/// <summary>
/// <c>ptkit fuzz socks</c> against a SOCKS server nobody here wrote: Debian's obfs4proxy as a managed client (pt-1.0),
/// with a well-formed cert (52 bytes in base64) and iat-mode=0 in every handshake that carries arguments. Targets are
/// unreachable, so obfs4proxy's replies are failures; what is checked is their form, each case's ending, and that it keeps serving.
/// </summary>
public sealed class Obfs4proxySocksFuzzTests(ITestOutputHelper log) : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("pttoolkit-fuzz-socks-");
    private ManagedPtProcess? _client;

    public void Dispose()
    {
        _client?.Dispose();
        _state.Delete(recursive: true);
    }

    [Fact]
    public async Task Obfs4proxy_answers_every_case_in_form_and_keeps_serving()
    {
        var socks = await StartClientAsync();
        string cert = Convert.ToBase64String(Enumerable.Range(0, 52).Select(i => (byte)(i * 37 + 11)).ToArray()).TrimEnd('=');
        var output = new StringWriter();
        var options = new SocksFuzzOptions(socks, 120, "2024", TimeSpan.FromSeconds(2), 20, [new("cert", cert), new("iat-mode", "0")], null);
        int code = await SocksFuzz.RunAsync(options, output, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(5));
        string text = output.ToString();
        log.WriteLine(text);
        Assert.True(code == 0, text);
    }

    private async Task<IPEndPoint> StartClientAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
            ["TOR_PT_STATE_LOCATION"] = _state.FullName + "/",
            ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = "1",
            ["TOR_PT_CLIENT_TRANSPORTS"] = "obfs4",
        };
        _client = ManagedPtProcess.Start(Peers.Obfs4proxy(), environment);
        var lines = await _client.ReadLinesAsync(line => Encoding.ASCII.GetString(line).TrimEnd('\r') == "CMETHODS DONE", TimeSpan.FromSeconds(20));
        var cmethod = lines.Select(line => PtIpc.ParseOwned(line, out var message) is { IsMessage: true } ? message : null).OfType<PtIpc.CmethodMessage>().Single();
        return new IPEndPoint(IPAddress.Parse(cmethod.Address.Host), cmethod.Address.Port);
    }
}
