using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using PtToolkit.Cli.Connect;
using PtToolkit.Cli.Launch;
using PtToolkit.Launch;
using Xunit;

namespace PtToolkit.Tests.Launch;

/// <summary>
/// Properties of ptkit's small parsers and writers: <c>connect --arg</c> pairs read back what was written, any text
/// never throws, and <c>launch</c>'s event lines stay one JSON object per line whatever bytes a PT prints.
/// </summary>
public sealed class PtkitOutputPropertyTests
{
    [Property(MaxTest = 500)]
    public void An_argument_pair_reads_back_as_its_key_and_value(NonEmptyString key, string? value)
    {
        string k = key.Get.Replace("=", "", StringComparison.Ordinal);
        if (k.Length == 0) return;
        string v = value ?? "";

        Assert.True(ConnectCommand.TryArguments([k + "=" + v], out var arguments, out _));

        Assert.Equal((k, v), (arguments.Single().Key, arguments.Single().Value));
    }

    [Property(MaxTest = 500)]
    public void Any_argument_text_is_read_or_refused_with_a_message_never_thrown(string?[] pairs)
    {
        var texts = (pairs ?? []).Select(p => p ?? "").ToArray();

        bool read = ConnectCommand.TryArguments(texts, out var arguments, out string problem);

        Assert.Equal(read, texts.All(t => t.IndexOf('=', StringComparison.Ordinal) > 0));
        Assert.True(read ? arguments.Count == texts.Length : problem.StartsWith("--arg ", StringComparison.Ordinal));
    }

    [Property(MaxTest = 300)]
    public void Whatever_a_PT_prints_each_event_is_one_JSON_line_holding_its_text(byte[] stderr, byte[] unknown)
    {
        var output = new MemoryStream();
        var json = new EventJson(output);

        json.Event(new PtStderrTextEvent(stderr));
        json.Event(new PtUnknownLineEvent(unknown));

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);
        Assert.Equal(Encoding.UTF8.GetString(stderr), JsonDocument.Parse(lines[0]).RootElement.GetProperty("line").GetString());
        Assert.Equal(Encoding.UTF8.GetString(unknown), JsonDocument.Parse(lines[1]).RootElement.GetProperty("line").GetString());
        Assert.Equal("stderr", JsonDocument.Parse(lines[0]).RootElement.EnumerateObject().First().Value.GetString());
    }
}
