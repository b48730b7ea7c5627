using System.Linq;
using FsCheck.Xunit;
using PtToolkit.Socks;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Socks;

/// <summary>
/// Properties of the server handshake: what the client message builder writes is read back exactly, however the
/// bytes are split; damaged or arbitrary bytes give the same error value and the same replies whatever the split,
/// and never an exception.
/// </summary>
public class SocksServerPropertyTests
{
    private static (PtSocksResult<PtSocksRequest> Result, byte[] Written, byte[] Unread) Run(byte[] input, int[] chunks)
    {
        var stream = new ScriptedStream(input, chunks);
        var result = Wire.Serve(stream);
        return (result, stream.Written, input[stream.Delivered..]);
    }

    [Property(Arbitrary = new[] { typeof(SocksArbitraries) }, MaxTest = 500)]
    public void Client_messages_are_read_back_however_they_arrive(ClientScript script, Chunking chunking)
    {
        var (result, written, unread) = Run(script.Bytes(), chunking.Sizes);
        Assert.True(result.IsSuccess, result.ToString());
        var request = result.Value;
        Assert.Equal(script.Target, request.Target);
        Assert.Equal(new PtKeyValueList(script.Pairs), request.Arguments);
        Assert.Equal(script.Data, Wire.Cat(request.Leftover.ToArray(), unread));
        var method = script.Pairs.Length == 0 ? PtSocksMethod.NoAuthentication
            : script.Json ? PtSocksMethod.JsonParameterBlock : PtSocksMethod.UsernamePassword;
        Assert.Equal(method, request.Method);
        byte[] expected = method switch
        {
            PtSocksMethod.UsernamePassword => [5, 2, 1, 0],
            _ => [5, (byte)method],
        };
        Assert.Equal(expected, written);
    }

    [Property(Arbitrary = new[] { typeof(SocksArbitraries) }, MaxTest = 1000)]
    public void Damaged_scripts_give_one_outcome_whatever_the_split(ClientScript script, Chunking chunking)
    {
        byte[] input = script.Damaged();
        var whole = Run(input, [int.MaxValue]);
        var split = Run(input, chunking.Sizes);
        Assert.Equal(whole.Result.Error, split.Result.Error);
        Assert.Equal(whole.Written, split.Written);
        Assert.Equal(whole.Result.IsSuccess, split.Result.IsSuccess);
        if (!whole.Result.IsSuccess)
        {
            Assert.InRange(whole.Result.Error.Offset, 0, input.Length);
            return;
        }
        Assert.Equal(whole.Result.Value.Target, split.Result.Value!.Target);
        Assert.Equal(whole.Result.Value.Arguments, split.Result.Value.Arguments);
        Assert.Equal(Wire.Cat(whole.Result.Value.Leftover.ToArray(), whole.Unread), Wire.Cat(split.Result.Value.Leftover.ToArray(), split.Unread));
    }

    /// <summary>Arbitrary bytes from the start, or after a greeting that leads to the request, RFC 1929 or JSON.</summary>
    [Property(Arbitrary = new[] { typeof(SocksArbitraries) }, MaxTest = 1000)]
    public void Arbitrary_bytes_end_in_a_value(SocksBytes bytes, Chunking chunking)
    {
        byte[][] stages = [[], [5, 1, 0], [5, 1, 2], [5, 1, 9]];
        byte[] input = [.. stages[bytes.Bytes.Length % stages.Length], .. bytes.Bytes];
        var whole = Run(input, [int.MaxValue]);
        var split = Run(input, chunking.Sizes);
        Assert.Equal(whole.Result.Error, split.Result.Error);
        Assert.Equal(whole.Written, split.Written);
    }
}
