using System;
using PtToolkit.Config;
using Xunit;

namespace PtToolkit.Tests.Config;

/// <summary>TOR_PT_CLIENT_TRANSPORTS / TOR_PT_SERVER_TRANSPORTS: examples, goptlib's cases, refusals.</summary>
public class PtTransportListTests
{
    [Theory]
    [InlineData("obfs2,obfs4", new[] { "obfs2", "obfs4" })]
    [InlineData("obfs4,shadow", new[] { "obfs4", "shadow" })]
    [InlineData("alpha", new[] { "alpha" })]
    [InlineData("alpha,beta,gamma", new[] { "alpha", "beta", "gamma" })]
    [InlineData("*", new[] { "*" })]
    [InlineData("alpha,*,gamma", new[] { "alpha", "*", "gamma" })]
    [InlineData(@"alpha\,beta", new[] { @"alpha\", "beta" })]
    public void Documents_and_goptlib_lists_give_the_same_names(string value, string[] expected)
    {
        Assert.True(PtTransportList.TryParse(value, out var names, out var error), error.ToString());
        Assert.Equal(expected, names);
    }

    [Theory]
    [InlineData("", 0, "TOR_PT_CLIENT_TRANSPORTS: empty list of transports")]
    [InlineData("a,,b", 2, "TOR_PT_CLIENT_TRANSPORTS: \"a,,b\": empty transport name at offset 2")]
    [InlineData("a,", 2, "TOR_PT_CLIENT_TRANSPORTS: \"a,\": empty transport name at offset 2")]
    [InlineData("a, b", 2, "TOR_PT_CLIENT_TRANSPORTS: \"a, b\": transport name \" b\" holds ' '")]
    [InlineData("a\nb", 1, "TOR_PT_CLIENT_TRANSPORTS: \"a\\nb\": transport name \"a\\nb\" holds '\\n'")]
    [InlineData("a b,,c", 1, "TOR_PT_CLIENT_TRANSPORTS: \"a b,,c\": transport name \"a b\" holds ' '")]
    [InlineData(",a b", 0, "TOR_PT_CLIENT_TRANSPORTS: \",a b\": empty transport name at offset 0")]
    public void Empty_names_and_whitespace_are_refused(string value, int offset, string text)
    {
        Assert.False(PtTransportList.TryParse(value, out _, out var error));
        Assert.Equal(PtConfigErrorKind.Env, error.Kind);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(text, error.Text);
    }

    [Theory]
    [InlineData("obfs4", true)]
    [InlineData("meek_lite", true)]
    [InlineData("_x", true)]
    [InlineData("4obfs", false)]
    [InlineData("*", false)]
    [InlineData("a-b", false)]
    [InlineData("", false)]
    public void Valid_names_are_C_identifiers(string name, bool valid) => Assert.Equal(valid, PtTransportList.IsValidName(name));

    [Fact]
    public void Names_tor_ships_are_shared_strings_and_others_are_copies()
    {
        Assert.True(PtTransportList.TryParse("obfs4,meek_lite,myproto", out var first, out _));
        Assert.True(PtTransportList.TryParse("myproto,meek_lite,obfs4", out var second, out _));
        Assert.Same(first[0], second[2]);
        Assert.Same(first[1], second[1]);
        Assert.NotSame(first[2], second[0]);
        Assert.Equal(first[2], second[0]);
    }

    [Fact]
    public void Format_joins_and_refuses_commas()
    {
        Assert.Equal("obfs4,snowflake", PtTransportList.Format(new[] { "obfs4", "snowflake" }));
        Assert.Throws<ArgumentException>(() => PtTransportList.Format(new[] { "a,b" }));
        Assert.Throws<ArgumentException>(() => PtTransportList.Format(new[] { "" }));
    }
}
