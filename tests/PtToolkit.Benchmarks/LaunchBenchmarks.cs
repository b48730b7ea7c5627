using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PtToolkit.Config;
using PtToolkit.Launch;
using PtToolkit.Text;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Benchmarks;

/// <summary>
/// What the launch benchmarks share (<see cref="LaunchStartupBenchmarks"/>, <see cref="LaunchRelayBenchmarks"/>): the
/// job, the launch options of obfs4proxy and of the sample transport as client and server, and a byte sink.
/// </summary>
public static class LaunchBenchmarks
{
    /// <summary>The bound of every wait of the setups.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>A key the sample transport accepts (its server option and its client argument).</summary>
    public const string SampleKey = "00112233445566778899aabbccddeeff";

    /// <summary>Debian's obfs4proxy.</summary>
    public const string Obfs4proxy = "/usr/bin/obfs4proxy";

    /// <summary>sample-transport.dll beside this program (the benchmarks reference samples/SampleTransport).</summary>
    public static string SampleDll => Path.Combine(AppContext.BaseDirectory, "sample-transport.dll");

    /// <summary>
    /// The <c>dotnet</c> host of the running runtime (<c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/</c> →
    /// <c>&lt;root&gt;/dotnet</c>), which runs sample-transport.dll.
    /// </summary>
    public static string DotnetHost =>
        Path.Combine(Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")), OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");

    /// <summary>
    /// Whole operations that take milliseconds: the monitoring strategy (no pilot, no overhead run, one invocation
    /// per iteration), run in the host process so that sample-transport.dll and its runtimeconfig are beside it.
    /// </summary>
    public sealed class Config : ManualConfig
    {
        /// <summary>15 measured iterations after 3 warm-up ones.</summary>
        public Config() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(15));
    }

    /// <summary>A client configuration of <paramref name="transport"/> with its state in <paramref name="state"/>.</summary>
    public static PtClientConfig Client(string transport, DirectoryInfo state) => new()
    {
        Versions = ["1"],
        StateLocation = state.FullName + "/",
        ExitOnStdinClose = true,
        ClientTransports = [transport],
    };

    /// <summary>A server configuration of <paramref name="transport"/> on 127.0.0.1 in front of <paramref name="orPort"/>.</summary>
    public static PtServerConfig Server(string transport, DirectoryInfo state, int orPort, PtKeyValueList? options = null) => new()
    {
        Versions = ["1"],
        StateLocation = state.FullName + "/",
        ExitOnStdinClose = true,
        ServerTransports = [transport],
        BindAddresses = [new PtBindAddress(transport, PtEndpoint.IPv4("127.0.0.1", 0))],
        OrPort = PtEndpoint.IPv4("127.0.0.1", (ushort)orPort),
        Options = options is null ? null : new Dictionary<string, PtKeyValueList> { [transport] = options },
    };

    /// <summary>The sample transport's process: the dotnet host with the dll first.</summary>
    public static PtLaunchOptions SampleProcess(PtLaunchOptions options) => options with { Arguments = [SampleDll, .. options.Arguments] };

    /// <summary>Starts <paramref name="launcher"/> and fails loudly unless it is configured.</summary>
    public static PtStartupResult Configured(PtLauncher launcher)
    {
        var startup = launcher.StartAsync().WaitAsync(Timeout).GetAwaiter().GetResult();
        if (!startup.Succeeded) throw new InvalidOperationException("not configured: " + startup);
        return startup;
    }

    /// <summary>The address of a method line, as an <see cref="IPEndPoint"/>.</summary>
    public static IPEndPoint ToIp(PtEndpoint endpoint) => new(IPAddress.Parse(endpoint.Host), endpoint.Port);

    /// <summary>
    /// A TCP server on 127.0.0.1 that reads everything each connection sends and answers one byte each time another
    /// <see cref="Chunk"/> bytes have come: the end of a relayed operation is the ack's arrival.
    /// </summary>
    public sealed class Sink : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Socket> _sockets = new();

        /// <summary>Listens; every connection is served until the sink is disposed.</summary>
        public Sink(int chunk)
        {
            Chunk = chunk;
            _listener.Start();
            Endpoint = (IPEndPoint)_listener.LocalEndpoint;
            _ = AcceptAsync();
        }

        /// <summary>The bytes of one operation.</summary>
        public int Chunk { get; }

        /// <summary>Where it listens.</summary>
        public IPEndPoint Endpoint { get; }

        /// <inheritdoc/>
        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_sockets)
            {
                foreach (var socket in _sockets) socket.Dispose();
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
                    lock (_sockets) _sockets.Add(socket);
                    _ = ServeAsync(socket);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Disposed.
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            byte[] buffer = new byte[256 * 1024];
            long pending = 0;
            try
            {
                int n;
                while ((n = await socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false)) > 0)
                {
                    pending += n;
                    for (; pending >= Chunk; pending -= Chunk) await socket.SendAsync(new byte[] { 1 }, _stop.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Disposed, or the connection went.
            }
        }
    }

    /// <summary>Sends <paramref name="data"/> on <paramref name="stream"/> and waits for the sink's one-byte ack.</summary>
    public static async Task SendAndWaitAckAsync(Stream stream, byte[] data, byte[] ack)
    {
        for (int at = 0; at < data.Length; at += 64 * 1024)
            await stream.WriteAsync(data.AsMemory(at, Math.Min(64 * 1024, data.Length - at))).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
        await stream.ReadExactlyAsync(ack.AsMemory(0, 1)).ConfigureAwait(false);
    }
}
