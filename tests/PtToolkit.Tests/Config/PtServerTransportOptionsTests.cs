using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PtToolkit.Config;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Config;

/// <summary>TOR_PT_SERVER_TRANSPORT_OPTIONS in both forms: goptlib's cases, tor's escaping, JSON, the options file.</summary>
public class PtServerTransportOptionsTests
{
    /// <summary>Options as <c>t{k=v,k=v} t{...}</c>, in order, for compact expectations.</summary>
    private static string Show(IReadOnlyDictionary<string, PtKeyValueList> options) =>
        string.Join(" ", options.Select(o => o.Key + "{" + string.Join(",", o.Value.Select(p => p.Key + "=" + p.Value)) + "}"));

    private static string Accept(string value)
    {
        Assert.True(PtServerTransportOptions.TryParse(value, out var options, out var error), error.ToString());
        return Show(options);
    }

    private static PtConfigError Refuse(string value)
    {
        Assert.False(PtServerTransportOptions.TryParse(value, out _, out var error));
        Assert.Equal(PtConfigErrorKind.Env, error.Kind);
        Assert.DoesNotContain('\n', error.FormatLine());
        return error;
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("t:k=v", "t{k=v}")]
    [InlineData("t:k=v=v", "t{k=v=v}")]
    [InlineData("t:k=vv==", "t{k=vv==}")]
    [InlineData("t1:k=v1;t2:k=v2;t1:k=v3", "t1{k=v1,k=v3} t2{k=v2}")]
    [InlineData(@"t\:1:k=v;t\=2:k=v;t\;3:k=v;t\\4:k=v", @"t:1{k=v} t=2{k=v} t;3{k=v} t\4{k=v}")]
    [InlineData(@"t:k\:1=v;t:k\=2=v;t:k\;3=v;t:k\\4=v", @"t{k:1=v,k=2=v,k;3=v,k\4=v}")]
    [InlineData(@"t:k=v\:1;t:k=v\=2;t:k=v\;3;t:k=v\\4", @"t{k=v:1,k=v=2,k=v;3,k=v\4}")]
    [InlineData("trebuchet:secret=nou;trebuchet:cache=/tmp/cache;ballista:secret=yes", "trebuchet{secret=nou,cache=/tmp/cache} ballista{secret=yes}")]
    [InlineData("scramblesuit:key=banana;automata:rule=110;automata:depth=3", "scramblesuit{key=banana} automata{rule=110,depth=3}")]
    [InlineData("t:k=a,b", "t{k=a,b}")]
    public void Goptlib_good_cases_and_the_10_example(string value, string expected) => Assert.Equal(expected, Accept(value));

    [Theory]
    [InlineData(@"t\", "nothing following final escape in \"t\\\\\"")]
    [InlineData(":=", "empty method name in \":=\"")]
    [InlineData("t:=", "empty key in \"t:=\"")]
    [InlineData(":k=", "empty method name in \":k=\"")]
    [InlineData(":=v", "empty method name in \":=v\"")]
    [InlineData("t:=v", "empty key in \"t:=v\"")]
    [InlineData(@"t:k\", "nothing following final escape in \"k\\\\\"")]
    [InlineData("t:k=v;", "trailing \";\" at offset 5 (no entry after the last separator)")]
    [InlineData("abc", "no colon in \"abc\"")]
    [InlineData("t:", "no equals sign in \"t:\"")]
    [InlineData("key=value", "no colon in \"key\"")]
    [InlineData("=value", "no colon in \"\"")]
    [InlineData(@"t:k=v\", "nothing following final escape in \"v\\\\\"")]
    [InlineData(@"t1:k=v;t2:k=v\", "nothing following final escape in \"v\\\\\"")]
    [InlineData("t:=key=value", "empty key in \"t:=key=value\"")]
    [InlineData("t:==key=value", "empty key in \"t:==key=value\"")]
    [InlineData("t:;key=value", "no equals sign in \"t:\"")]
    [InlineData(@"t:key\=value", "no equals sign in \"t:key\\\\=value\"")]
    [InlineData("a:b=c;;d:e=f", "empty entry at offset 6")]
    [InlineData(";a:b=c", "empty entry at offset 0")]
    public void Goptlib_bad_cases_are_refused_with_goptlib_words(string value, string detail)
    {
        var error = Refuse(value);
        Assert.Equal("TOR_PT_SERVER_TRANSPORT_OPTIONS: " + PtConfigTextQuote(value) + ": " + detail, error.Text);
    }

    [Fact]
    public void Goptlib_record_bad_options_line()
    {
        Assert.Equal("ENV-ERROR TOR_PT_SERVER_TRANSPORT_OPTIONS: \"key=value\": no colon in \"key\"", Refuse("key=value").FormatLine());
    }

    [Fact]
    public void Comma_separated_entries_are_refused_where_goptlib_swallows_them_into_one_value()
    {
        // goptlib: alpha{k1=v1,beta:k2=v2} and beta gets nothing.
        var error = Refuse("alpha:k1=v1,beta:k2=v2");
        Assert.Equal(16, error.Offset);
        Assert.Equal("\"alpha:k1=v1,beta:k2=v2\": unescaped \":\" at offset 16 in the value of \"alpha\" option \"k1\" (tor escapes it as \"\\:\"; entries are separated by \";\", not \",\")", error.Message);
        Refuse("alpha:k1=v1,beta:k2=v2,gamma:k3=v3");
    }

    [Fact]
    public void Format_escapes_as_tor_does()
    {
        var options = new Dictionary<string, PtKeyValueList>
        {
            ["trebuchet"] = new(("secret", "nou"), ("cache", "/tmp/cache")),
            ["ballista"] = new(("secret", "a:b;c\\d=e,f")),
        };
        Assert.Equal(@"trebuchet:secret=nou;trebuchet:cache=/tmp/cache;ballista:secret=a\:b\;c\\d=e,f", PtServerTransportOptions.Format(options));
        Assert.Equal(@"t\:x\=y:k\=1=v", PtServerTransportOptions.Format(new Dictionary<string, PtKeyValueList> { ["t:x=y"] = new(("k=1", "v")) }));
        Assert.Equal("", PtServerTransportOptions.Format(new Dictionary<string, PtKeyValueList>()));
        Assert.Throws<ArgumentException>(() => PtServerTransportOptions.Format(new Dictionary<string, PtKeyValueList> { [""] = new(("k", "v")) }));
        Assert.Throws<ArgumentException>(() => PtServerTransportOptions.Format(new Dictionary<string, PtKeyValueList> { ["t"] = new(("", "v")) }));
    }

    [Theory]
    [InlineData("{\"shadow\": {\"password\": \"password\", \"cipherName\": \"AES-128-GCM\"}}", "shadow{password=password,cipherName=AES-128-GCM}")]
    [InlineData(" {\"a\":{\"n\":1,\"b\":true,\"s\":\"x;y:z\"},\"c\":{}}", "a{n=1,b=true,s=x;y:z} c{}")]
    [InlineData("{}", "")]
    public void Json_form_parses(string value, string expected) => Assert.Equal(expected, Accept(value));

    [Theory]
    [InlineData("{shadow: {password: \"password\", cipherName: \"AES-128-GCM\"}}\"", "not valid JSON at offset 1")]
    [InlineData("{\"a\": 1}", "the options of \"a\" must be a JSON object at offset 6")]
    [InlineData("{\"a\": {\"k\": null}}", "the value of \"a\" option \"k\" must be a string, number or boolean at offset 12")]
    [InlineData("{\"a\": {\"k\": [1]}}", "the value of \"a\" option \"k\" must be a string, number or boolean at offset 12")]
    [InlineData("{\"a\": {}, \"a\": {}}", "transport \"a\" appears twice at offset 10")]
    [InlineData("{\"a\": {\"k\": \"1\", \"k\": \"2\"}}", "key \"k\" appears twice in the options of \"a\" at offset 17")]
    [InlineData("{\"\": {}}", "empty transport name at offset 1")]
    [InlineData("{\"a\": {\"\": \"v\"}}", "empty key in the options of \"a\" at offset 7")]
    [InlineData("{\"a\": {}} x", "not valid JSON at offset 10")]
    [InlineData("{\"a\": {}", "not valid JSON at offset 8")]
    public void Bad_json_is_refused(string value, string detail) => Assert.EndsWith(detail, Refuse(value).Message);

    [Fact]
    public void The_22_example_as_printed_is_not_json_and_is_refused()
    {
        Assert.Contains("not valid JSON", Refuse("{shadow: {password: \"password\", cipherName: \"AES-128-GCM\"}}").Message);
    }

    [Fact]
    public void FormatJson_writes_compact_json_that_parses_back()
    {
        var options = new Dictionary<string, PtKeyValueList> { ["shadow"] = new(("password", "p\"w"), ("cipherName", "AES-128-GCM")) };
        string json = PtServerTransportOptions.FormatJson(options);
        Assert.Equal("{\"shadow\":{\"password\":\"p\\u0022w\",\"cipherName\":\"AES-128-GCM\"}}", json);
        Assert.Equal("shadow{password=p\"w,cipherName=AES-128-GCM}", Accept(json));
    }

    [Fact]
    public void The_options_file_is_read_trimmed_and_limited()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ptcfg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string file = Path.Combine(dir, "options.json");
            File.WriteAllText(file, "\uFEFF{\"obfs4\": {\"iat-mode\": \"0\"}}\n");
            Assert.True(PtOptionsFile.TryRead(file, out var options, out var error), error.ToString());
            Assert.Equal("obfs4{iat-mode=0}", Show(options));

            File.WriteAllText(file, "obfs4:iat-mode=0\r\n");
            Assert.True(PtOptionsFile.TryRead(file, out options, out error), error.ToString());
            Assert.Equal("obfs4{iat-mode=0}", Show(options));

            File.WriteAllText(file, "x:k=" + new string('v', 100));
            Assert.False(PtOptionsFile.TryRead(file, out _, out error, maxBytes: 64));
            Assert.Equal("-optionsFile: " + PtConfigTextQuote(file) + " is larger than the limit of 64 bytes", error.Text);

            File.WriteAllBytes(file, new byte[] { (byte)'t', (byte)':', (byte)'k', (byte)'=', 0xFF });
            Assert.False(PtOptionsFile.TryRead(file, out _, out error));
            Assert.EndsWith("is not UTF-8 text", error.Message);

            File.WriteAllText(file, "key=value");
            Assert.False(PtOptionsFile.TryRead(file, out _, out error));
            Assert.Equal("ENV-ERROR -optionsFile: \"key=value\": no colon in \"key\"", error.FormatLine());

            Assert.False(PtOptionsFile.TryRead(Path.Combine(dir, "missing"), out _, out error));
            Assert.StartsWith("cannot read ", error.Message);
            Assert.False(PtOptionsFile.TryRead(dir, out _, out error));
            Assert.False(PtOptionsFile.TryRead("", out _, out error));
            Assert.Equal("empty path", error.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Parsed_options_are_a_read_only_map_in_order_of_first_appearance()
    {
        Assert.True(PtServerTransportOptions.TryParse(@"b:k=1;a:k=2;b:j=3;c\:x:k=4", out var options, out var error), error.ToString());
        Assert.Equal(new[] { "b", "a", "c:x" }, options.Keys);
        Assert.Equal(3, options.Count);
        Assert.Equal(new PtKeyValueList(("k", "1"), ("j", "3")), options["b"]);
        Assert.Equal(options.Values, options.Keys.Select(k => options[k]));
        Assert.True(options.ContainsKey("c:x"));
        Assert.False(options.TryGetValue("B", out _));
        var missing = Assert.Throws<KeyNotFoundException>(() => options["d"]);
        Assert.Contains("\"d\"", missing.Message);
        Assert.IsNotType<Dictionary<string, PtKeyValueList>>(options);

        Assert.True(PtServerTransportOptions.TryParse("", out var none, out _));
        Assert.Empty(none);
        Assert.False(none.ContainsKey("b"));
    }

    [Fact]
    public void Transport_names_tor_ships_are_shared_strings_and_others_are_copies()
    {
        const string value = "obfs4:a=1;myproto:b=2";
        Assert.True(PtServerTransportOptions.TryParse(value, out var first, out _));
        Assert.True(PtServerTransportOptions.TryParse(value, out var second, out _));
        Assert.Same(first.Keys.First(), second.Keys.First());
        Assert.NotSame(first.Keys.Last(), second.Keys.Last());
        Assert.Equal("myproto", second.Keys.Last());
    }

    private static string PtConfigTextQuote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
