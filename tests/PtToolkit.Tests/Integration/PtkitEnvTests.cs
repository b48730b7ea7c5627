using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Cli.Env;
using PtToolkit.Config;
using Xunit;

namespace PtToolkit.Tests.Integration;

/// <summary>
/// <c>ptkit env</c> on the bad environments of goptlib's record (../shared/bench/goptlib/results/
/// internal-env-handling.txt): the same lines goptlib prints, except the deliberate differences, and the
/// exit code of PT 2.2 §1.2.
/// </summary>
public sealed class PtkitEnvTests
{
    private const string V = "TOR_PT_MANAGED_TRANSPORT_VER=1\n";
    private const string Server = V + "TOR_PT_SERVER_TRANSPORTS=obfs4\n";
    private const string Bound = Server + "TOR_PT_SERVER_BINDADDR=obfs4-127.0.0.1:0\n";

    public static TheoryData<string, string, int> GoptlibCases => new()
    {
        { "TOR_PT_CLIENT_TRANSPORTS=obfs4\n", "ENV-ERROR no TOR_PT_MANAGED_TRANSPORT_VER environment variable\n", 64 },
        { V, "VERSION 1\nENV-ERROR no TOR_PT_CLIENT_TRANSPORTS environment variable\n", 64 },
        { Server + "TOR_PT_SERVER_BINDADDR=obfs4\nTOR_PT_ORPORT=127.0.0.1:9001\n", "VERSION 1\nENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4\": doesn't contain \"-\"\n", 64 },
        { Server + "TOR_PT_SERVER_BINDADDR=obfs4-localhost:80\nTOR_PT_ORPORT=127.0.0.1:9001\n", "VERSION 1\nENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4-localhost:80\": not an IP string: \"localhost\"\n", 64 },
        { Server + "TOR_PT_SERVER_BINDADDR=obfs4-127.0.0.1:1,obfs4-127.0.0.1:2\nTOR_PT_ORPORT=127.0.0.1:9001\n", "VERSION 1\nENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4-127.0.0.1:2\": duplicate method name \"obfs4\"\n", 64 },
        { Bound, "VERSION 1\nENV-ERROR need TOR_PT_ORPORT or TOR_PT_EXTENDED_SERVER_PORT environment variable\n", 64 },
        { Bound + "TOR_PT_EXTENDED_SERVER_PORT=127.0.0.1:4200\n", "VERSION 1\nENV-ERROR need TOR_PT_AUTH_COOKIE_FILE environment variable with TOR_PT_EXTENDED_SERVER_PORT\n", 64 },
        { Bound + "TOR_PT_ORPORT=127.0.0.1:9001\nTOR_PT_SERVER_TRANSPORT_OPTIONS=key=value\n", "VERSION 1\nENV-ERROR TOR_PT_SERVER_TRANSPORT_OPTIONS: \"key=value\": no colon in \"key\"\n", 64 },
        // goptlib: ENV-ERROR cannot resolve TOR_PT_ORPORT "localhost:9001": not an IP string: "localhost" (same facts, this toolkit's one shape).
        { Bound + "TOR_PT_ORPORT=localhost:9001\n", "VERSION 1\nENV-ERROR TOR_PT_ORPORT: \"localhost:9001\": not an IP string: \"localhost\"\n", 64 },
        // goptlib: strconv.ParseUint: parsing "70000": value out of range.
        { Server + "TOR_PT_SERVER_BINDADDR=obfs4-127.0.0.1:70000\nTOR_PT_ORPORT=127.0.0.1:9001\n", "VERSION 1\nENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4-127.0.0.1:70000\": invalid port \"70000\": not a decimal number from 0 to 65535\n", 64 },
        // goptlib: VERSION-ERROR no-version, without the reason.
        { "TOR_PT_MANAGED_TRANSPORT_VER=9\nTOR_PT_CLIENT_TRANSPORTS=obfs4\n", "VERSION-ERROR no-version TOR_PT_MANAGED_TRANSPORT_VER: \"9\": no version that this transport supports (it supports 1)\n", 78 },
        // goptlib accepts and leaves the scheme to the caller; refused here (fail closed).
        { V + "TOR_PT_CLIENT_TRANSPORTS=obfs4\nTOR_PT_PROXY=foo://x:1\n", "VERSION 1\nPROXY-ERROR TOR_PT_PROXY: unsupported proxy type \"foo\" (supported: socks4a, socks5, http)\n", 69 },
        // goptlib accepts and swallows beta's option into alpha's value; refused here.
        { V + "TOR_PT_SERVER_TRANSPORTS=alpha,beta\nTOR_PT_ORPORT=127.0.0.1:9001\nTOR_PT_SERVER_TRANSPORT_OPTIONS=alpha:k1=v1,beta:k2=v2\n", "VERSION 1\nENV-ERROR TOR_PT_SERVER_TRANSPORT_OPTIONS: \"alpha:k1=v1,beta:k2=v2\": unescaped \":\" at offset 16 in the value of \"alpha\" option \"k1\" (tor escapes it as \"\\:\"; entries are separated by \";\", not \",\")\n", 64 },
    };

    [Theory]
    [MemberData(nameof(GoptlibCases))]
    public void Bad_environments_give_the_lines_and_exit_code_of_a_PT(string envFile, string expected, int exit)
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, envFile);
            Assert.True(EnvFile.TryRead(path, out var variables, out string error), error);
            var output = new MemoryStream();
            int code = EnvCommand.Run(PtConfigSource.FromEnvironment(variables), "auto", output);
            Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()));
            Assert.Equal(exit, code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_built_program_prints_the_config_and_fails_with_the_spec_exit_code()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, V + "TOR_PT_CLIENT_TRANSPORTS=obfs4,meek_lite\nTOR_PT_PROXY=socks5://tor:secret@198.51.100.1:8000\n");
            var (stdout, stderr, code) = await PtkitCliTests.RunPtkit([], "env", "--env-file", path);
            Assert.Equal(0, code);
            Assert.Equal("", stderr);
            Assert.StartsWith("""{"role":"client","version":"1","config":{"versions":["1"],""", stdout);
            Assert.Contains("\"clientTransports\":[\"obfs4\",\"meek_lite\"]", stdout);
            Assert.Contains("\"proxy\":\"socks5://***@198.51.100.1:8000\"", stdout);
            Assert.DoesNotContain("secret", stdout);

            var (errorOut, _, errorCode) = await PtkitCliTests.RunPtkit([], "env", "--env-file", path, "--", "-transports", "obfs4");
            Assert.Equal("VERSION 1\nENV-ERROR TOR_PT_CLIENT_TRANSPORTS and -transports must not both be given\n", errorOut);
            Assert.Equal(64, errorCode);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
