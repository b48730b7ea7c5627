using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PtToolkit.Launch;
using Xunit;

namespace PtToolkit.Tests.Launch;

/// <summary>The bounded byte line reader: exact lines, long lines skipped and measured, bytes never decoded.</summary>
public class PtLineReaderTests
{
    [Fact]
    public async Task Cuts_lines_and_keeps_the_last_one_without_LF()
    {
        var lines = await Read("VERSION 1\nCMETHOD x socks5 127.0.0.1:1\r\n\nlast"u8.ToArray(), 1024, chunk: 3);
        Assert.Equal(new[] { "VERSION 1", "CMETHOD x socks5 127.0.0.1:1\r", "", "last" }, lines.Select(l => l.Text));
    }

    [Fact]
    public async Task A_line_over_the_bound_is_skipped_and_measured_and_the_next_line_is_whole()
    {
        byte[] input = [.. Enumerable.Repeat((byte)'a', 5000), (byte)'\n', .. "CMETHODS DONE\n"u8];
        var lines = await Read(input, 100, chunk: 777);
        Assert.Equal(new[] { "too long 5000", "CMETHODS DONE" }, lines.Select(l => l.Text));
    }

    [Fact]
    public async Task A_line_of_exactly_the_bound_is_delivered()
    {
        byte[] input = [.. Enumerable.Repeat((byte)'b', 100), (byte)'\n'];
        var lines = await Read(input, 100, chunk: 4096);
        Assert.Equal(new string('b', 100), Assert.Single(lines).Text);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_reach_the_sink_unchanged()
    {
        byte[] input = [0xFF, 0xFE, (byte)' ', 0xC3, (byte)'\n', 0x80, (byte)'\n'];
        var lines = await Read(input, 64, chunk: 1);
        Assert.Equal(new byte[] { 0xFF, 0xFE, (byte)' ', 0xC3 }, lines[0].Bytes);
        Assert.Equal(new byte[] { 0x80 }, lines[1].Bytes);
    }

    /// <summary>Any bytes, any chunking, any bound: the lines are the input split on LF, long ones reported by length.</summary>
    [Property(MaxTest = 300)]
    public void Lines_match_a_plain_split_for_any_input_and_chunking(NonNull<byte[]> data, PositiveInt chunk, bool denseNewlines)
    {
        byte[] input = data.Get.Select(b => denseNewlines && b % 5 == 0 ? (byte)'\n' : b).ToArray();
        int max = 64 + chunk.Get % 40;
        var lines = Read(input, max, 1 + chunk.Get % 50).GetAwaiter().GetResult();

        var expected = new List<string>();
        var segments = Split(input);
        for (int i = 0; i < segments.Count; i++)
        {
            bool last = i == segments.Count - 1;
            if (last && segments[i].Length == 0) break;
            expected.Add(segments[i].Length > max ? "too long " + segments[i].Length : Hex(segments[i]));
        }
        Assert.Equal(expected, lines.Select(l => l.Bytes is null ? l.Text : Hex(l.Bytes)));
    }

    private static List<byte[]> Split(byte[] input)
    {
        var segments = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < input.Length; i++)
        {
            if (input[i] != '\n') continue;
            segments.Add(input[start..i]);
            start = i + 1;
        }
        segments.Add(input[start..]);
        return segments;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    private sealed record Line(byte[]? Bytes, string Text);

    private sealed class Sink : IPtLineSink
    {
        public List<Line> Lines { get; } = new();

        public void OnLine(ReadOnlySpan<byte> line) => Lines.Add(new Line(line.ToArray(), Encoding.UTF8.GetString(line)));

        public void OnLineTooLong(long length) => Lines.Add(new Line(null, "too long " + length));
    }

    private static async Task<List<Line>> Read(byte[] input, int max, int chunk)
    {
        var sink = new Sink();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await PtLineReader.ReadAsync(new ChunkedStream(input, chunk), max, sink, timeout.Token);
        return sink.Lines;
    }

    /// <summary>A read-only stream that hands out at most <c>chunk</c> bytes per read, as a pipe may.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : TestStream
    {
        private int _position;

        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
