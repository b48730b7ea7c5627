using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PtToolkit.Hosting;
using PtToolkit.Samples.SampleTransport;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Demo;

/// <summary>
/// The sample transport's codec through its public API, on memory streams: what the client writes in any chunks the
/// server reads back in any chunks (and the other way), the wire differs from the plain bytes, and only the right key
/// opens a connection.
/// </summary>
public sealed class SampleTransportPropertyTests
{
    private static readonly PtIpcWriter NoIpc = new(Stream.Null, Stream.Null);

    [Property(MaxTest = 200)]
    public Property Bytes_come_through_both_ways_whatever_the_chunks(byte[] payload, PositiveInt writeChunk, PositiveInt readChunk, bool longKey)
    {
        var transport = new SampleTransport();
        var key = new PtKeyValueList(("key", longKey ? new string('7', 128) : "00112233445566778899AABBCCDDEEFF"));
        var toServer = new MemoryStream();
        var toClient = new MemoryStream();

        var client = transport.ConnectAsync(new PtClientConnection("sample", key, new Duplex(toClient, toServer), NoIpc), default).GetAwaiter().GetResult();
        Write(client, payload, writeChunk.Get);
        toServer.Position = 0;
        var server = transport.AcceptAsync(new PtServerConnection("sample", key, new Duplex(toServer, toClient), NoIpc), default).GetAwaiter().GetResult();
        byte[] atServer = ReadAll(server, readChunk.Get);
        Write(server, payload, readChunk.Get);
        toClient.Position = 0;
        byte[] atClient = ReadAll(client, writeChunk.Get);

        byte[] wire = toServer.ToArray()[48..];
        bool hidden = payload.Length < 16 || !wire.AsSpan().SequenceEqual(payload);
        return (atServer.AsSpan().SequenceEqual(payload) && atClient.AsSpan().SequenceEqual(payload) && hidden)
            .Label($"server {atServer.Length}, client {atClient.Length}, wire differs {hidden}");
    }

    [Property(MaxTest = 100)]
    public Property A_hello_made_with_another_key_is_refused(byte[] other)
    {
        byte[] otherKey = other.Concat(new byte[16]).Take(Math.Max(16, Math.Min(other.Length, 64))).ToArray();
        byte[] serverKey = Enumerable.Repeat((byte)0xA5, 32).ToArray();
        var transport = new SampleTransport();
        var wire = new MemoryStream();
        transport.ConnectAsync(new PtClientConnection("sample", new PtKeyValueList(("key", Convert.ToHexString(otherKey))), new Duplex(new MemoryStream(), wire), NoIpc), default)
            .GetAwaiter().GetResult();
        wire.Position = 0;

        var accept = Record.ExceptionAsync(() => transport.AcceptAsync(
            new PtServerConnection("sample", new PtKeyValueList(("key", Convert.ToHexString(serverKey))), new Duplex(wire, Stream.Null), NoIpc), default));

        return (accept.GetAwaiter().GetResult() is InvalidDataException).When(!otherKey.AsSpan().SequenceEqual(serverKey));
    }

    [Theory]
    [InlineData("00112233445566778899aabbccddeeff", null)]
    [InlineData("00112233445566778899aabbccddee", "\"key\" must be 32 to 128 hexadecimal digits, an even number of them")]
    [InlineData("00112233445566778899aabbccddeeff0", "\"key\" must be 32 to 128 hexadecimal digits, an even number of them")]
    [InlineData("00112233445566778899aabbccddeefg", "\"key\" must be 32 to 128 hexadecimal digits, an even number of them")]
    public void Keys_are_checked_before_any_connection(string hex, string? problem)
    {
        var transport = new SampleTransport();

        Assert.Equal(problem, transport.CheckArguments("sample", new PtKeyValueList(("key", hex))));
        Assert.Equal(problem ?? "", transport.Setup("sample", new PtKeyValueList(("key", hex))).Error ?? "");
        Assert.Equal("no \"key\" (give key=<32 to 128 hexadecimal digits>)", transport.CheckArguments("sample", new PtKeyValueList()));
    }

    private static void Write(Stream stream, byte[] payload, int chunk)
    {
        for (int at = 0; at < payload.Length; at += chunk) stream.Write(payload, at, Math.Min(chunk, payload.Length - at));
    }

    private static byte[] ReadAll(Stream stream, int chunk)
    {
        var all = new MemoryStream();
        byte[] buffer = new byte[chunk];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) all.Write(buffer, 0, n);
        return all.ToArray();
    }

    /// <summary>Reads from one memory stream and writes to another: one side of a connection.</summary>
    private sealed class Duplex(Stream readFrom, Stream writeTo) : TestStream
    {
        public override int Read(byte[] buffer, int offset, int count) => readFrom.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) =>
            readFrom.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => writeTo.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) =>
            writeTo.WriteAsync(buffer, cancellationToken);
    }
}
