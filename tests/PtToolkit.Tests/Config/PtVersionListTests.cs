using System;
using PtToolkit.Config;
using Xunit;

namespace PtToolkit.Tests.Config;

/// <summary>TOR_PT_MANAGED_TRANSPORT_VER: the documents' examples, goptlib's cases, negotiation.</summary>
public class PtVersionListTests
{
    private static readonly string[] Ours = { "2.2", "1" };

    [Fact]
    public void The_22_example_list_is_well_formed()
    {
        Assert.True(PtVersionList.TryParse("1,1a,2.2,this_is_a_valid_version", out var versions, out _));
        Assert.Equal(new[] { "1", "1a", "2.2", "this_is_a_valid_version" }, versions);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1,1", "1")]
    [InlineData("1,2", "1")]
    [InlineData("2,1", "1")]
    public void Goptlib_good_cases_select_version_1(string list, string expected)
    {
        Assert.True(PtVersionList.TrySelect(list, new[] { "1" }, out var chosen, out var error), error.ToString());
        Assert.Equal(expected, chosen);
    }

    [Fact]
    public void The_most_preferred_supported_version_wins_whatever_the_order_of_the_list()
    {
        Assert.True(PtVersionList.TrySelect("1,1a,2.2", Ours, out var chosen, out _));
        Assert.Equal("2.2", chosen);
        Assert.Equal("2.2", PtVersionList.Select(new[] { "2.2", "1" }, Ours));
        Assert.Equal("1", PtVersionList.Select(new[] { "1", "3" }, Ours));
        Assert.Null(PtVersionList.Select(new[] { "3" }, Ours));
    }

    [Fact]
    public void No_common_version_is_a_version_error_starting_with_no_version()
    {
        Assert.False(PtVersionList.TrySelect("9", new[] { "1" }, out var chosen, out var error));
        Assert.Null(chosen);
        Assert.Equal(PtConfigErrorKind.Version, error.Kind);
        Assert.Equal("VERSION-ERROR no-version TOR_PT_MANAGED_TRANSPORT_VER: \"9\": no version that this transport supports (it supports 1)", error.FormatLine());
    }

    [Fact]
    public void Goptlib_2_alone_is_refused()
    {
        Assert.False(PtVersionList.TrySelect("2", new[] { "1" }, out _, out var error));
        Assert.Equal(PtConfigErrorKind.Version, error.Kind);
    }

    [Fact]
    public void A_version_with_a_space_makes_the_list_malformed_as_goptlib_refuses_it()
    {
        // goptlib: VERSION-ERROR no-version (it compares "1 " with "1"); here the message names the bad version.
        Assert.False(PtVersionList.TrySelect("1 ,2", new[] { "1" }, out _, out var error));
        Assert.Equal(PtConfigErrorKind.Version, error.Kind);
        Assert.Equal(1, error.Offset);
        Assert.Equal("VERSION-ERROR no-version TOR_PT_MANAGED_TRANSPORT_VER: \"1 ,2\": version \"1 \" holds ' ' (versions are non-whitespace printable ASCII)", error.FormatLine());
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("1,,2", 2)]
    [InlineData("1,", 2)]
    [InlineData(",1", 0)]
    [InlineData("1\t", 1)]
    [InlineData("1,é", 2)]
    public void Malformed_lists_are_refused_at_the_right_place(string list, int offset)
    {
        Assert.False(PtVersionList.TryParse(list, out _, out var error));
        Assert.Equal(PtConfigErrorKind.Version, error.Kind);
        Assert.Equal(offset, error.Offset);
        Assert.DoesNotContain('\n', error.FormatLine());
    }

    [Fact]
    public void Format_joins_with_commas_and_refuses_bad_versions()
    {
        Assert.Equal("1,2.2", PtVersionList.Format(new[] { "1", "2.2" }));
        Assert.Throws<ArgumentException>(() => PtVersionList.Format(new[] { "1", "a b" }));
        Assert.Throws<ArgumentException>(() => PtVersionList.Format(Array.Empty<string>()));
    }

    [Fact]
    public void The_flag_name_is_used_when_given()
    {
        Assert.False(PtVersionList.TryParse("", out _, out var error, "-ptversion"));
        Assert.Equal("-ptversion", error.Variable);
    }

    [Fact]
    public void Negotiation_from_a_span_allocates_nothing()
    {
        string value = "1,1a,2.2,this_is_a_valid_version";
        var supported = new[] { "3", "2.2", "1" };
        PtVersionList.TrySelect(value, supported, out _, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool ok = PtVersionList.TrySelect(value, supported, out var chosen, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(ok);
        Assert.Same(supported[1], chosen);
        Assert.Equal(0, allocated);
    }
}
