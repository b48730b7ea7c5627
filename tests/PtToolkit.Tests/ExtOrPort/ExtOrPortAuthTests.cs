using System;
using System.Linq;
using PtToolkit.ExtOrPort;
using Xunit;

namespace PtToolkit.Tests.ExtOrPort;

/// <summary>The SAFE_COOKIE hashes of ext-orport-spec §2.1.3 against values computed apart (Python's hmac module).</summary>
public class ExtOrPortAuthTests
{
    [Fact]
    public void Hashes_match_an_independent_hmac_sha256()
    {
        byte[] cookie = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        byte[] clientNonce = Enumerable.Repeat((byte)0xAA, 32).ToArray();
        byte[] serverNonce = Enumerable.Repeat((byte)0xBB, 32).ToArray();
        var serverHash = new byte[32];
        var clientHash = new byte[32];

        ExtOrPortAuth.ComputeHashes(cookie, clientNonce, serverNonce, serverHash, clientHash);

        Assert.Equal("34A2F4DF83ED4F9AF94FFFE0D29F0B6787179D05BB71FF4EA167691EA47EC949", Convert.ToHexString(serverHash));
        Assert.Equal("38A6C9F8E1B622CC8809D7B2E1E148244DA9A695D85CCF4B5D0B060D219BF095", Convert.ToHexString(clientHash));
    }
}
