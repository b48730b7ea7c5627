using System.Collections.Generic;
using System.Text;

namespace PtToolkit.Tests.Primitives;

/// <summary>Short helpers shared by the primitive tests: UTF-8 bytes of a string, and a key/value pair.</summary>
internal static class TestText
{
    public static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    public static KeyValuePair<string, string> P(string key, string value) => new(key, value);
}
