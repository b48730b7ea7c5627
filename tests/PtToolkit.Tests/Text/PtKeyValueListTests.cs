using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Primitives;

/// <summary>PtKeyValueList: ordered pairs with value equality (the owned ARGS and STATUS values compare through it).</summary>
public class PtKeyValueListTests
{
    [Fact]
    public void Lists_with_the_same_pairs_in_the_same_order_are_equal()
    {
        var a = new PtKeyValueList(("k", "v"), ("k", "w"));
        var b = new PtKeyValueList(("k", "v"), ("k", "w"));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new PtKeyValueList(("k", "w"), ("k", "v")));
        Assert.NotEqual(a, new PtKeyValueList(("k", "v")));
        Assert.NotEqual(a, new PtKeyValueList(("k", "v"), ("k", "W")));
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void TryGetValue_gives_the_first_pair_with_the_key()
    {
        var list = new PtKeyValueList(("k", "v"), ("k", "w"), ("x", ""));

        Assert.True(list.TryGetValue("k", out var value));
        Assert.Equal("v", value);
        Assert.True(list.TryGetValue("x", out value));
        Assert.Equal("", value);
        Assert.False(list.TryGetValue("K", out _));
        Assert.Equal(3, list.Count);
        Assert.Equal("w", list[1].Value);
        Assert.Equal("{k=v, k=w, x=}", list.ToString());
    }
}
