namespace PtToolkit.Generator.Tests;

/// <summary>A small spec that uses every construct of the language, and a class that asks for its bindings.</summary>
internal static class SampleSpec
{
    public const string FileName = "sample.spec";

    /// <summary>Line 9 is the comment that the caching tests edit; <c>name:token</c> is the field they rename.</summary>
    public const string Text = """
        # A small spec for the generator tests.
        dialect 1.0 = "1"
        dialect 2.0 = "2"

        enum Mode = "fast" | Slow "slow-mode" in 2.0 | "plain"
            section test §1

        message Ping = "PING" SP "DONE"
            section test §2
            # a comment between attributes
            stream  stdout
            > The "PING DONE" message says <hello> & goodbye.
            > Example: PING DONE

        message Offer = "OFFER" SP name:token SP mode:Mode SP port:port SP at:ipport [SP "ARGS:" args:kvargs] [SP note:text]
            section test §3
            stream  stdout in 1.0; stderr in 2.0
            exit    any in 1.0; 78 in 2.0
            > Example: OFFER obfs4 fast 80 127.0.0.1:9 ARGS:a=b

        message Say = "SAY" SP ("A" / "B") SP "MSG=" msg:qstring SP values:kvline
            dialects 2.0
            > Example: SAY B MSG="hi there" K=V

        message Fail = "FAIL" SP reason:text
            exit    64

        command Hello = "HELLO" ["FORCE"] keys:token+ Flags=flags:list settings:token[=qstring]* secret:secret
            section test §4
        """;

    /// <summary>A namespaced public class with the bindings, and a probe that drives them from plain strings.</summary>
    public const string Source = """
        using PtToolkit.Text;

        namespace Sample.Bindings
        {
            [PtToolkit.PtSpec("sample.spec")]
            public static partial class Wire
            {
            }

            public static class Probe
            {
                public static IPtMessage? ParseOwned(string line, bool onlyV1)
                {
                    var bytes = System.Text.Encoding.UTF8.GetBytes(line);
                    Wire.ParseOwned(bytes, out var message, onlyV1 ? Wire.Dialects.V1_0 : Wire.Dialects.All);
                    return message;
                }

                public static string Outcome(string line, bool onlyV1)
                {
                    var bytes = System.Text.Encoding.UTF8.GetBytes(line);
                    var outcome = Wire.ParseOwned(bytes, out _, onlyV1 ? Wire.Dialects.V1_0 : Wire.Dialects.All);
                    return outcome.IsMessage ? "message " + outcome.Kind : outcome.IsUnknown ? "unknown" : "invalid " + outcome.Error.Reason;
                }

                public static string OfferView(string line)
                {
                    if (!Wire.OfferView.TryParse(System.Text.Encoding.UTF8.GetBytes(line), out var v, out var error))
                        return "error " + error.Reason + " at " + error.Offset;
                    return string.Join("|",
                        System.Text.Encoding.ASCII.GetString(v.Name), v.Mode.ToString(), System.Text.Encoding.ASCII.GetString(v.ModeText),
                        v.Port.ToString(), v.At.ToOwned().ToString(), v.HasArgs.ToString(), v.HasNote.ToString());
                }

                public static string FormatOffer() =>
                    new Wire.OfferMessage("meek", Wire.Mode.Slow, 443, PtEndpoint.IPv4("10.0.0.1", 8080), new PtKeyValueList(("url", "a=b,c"))).FormatLine();

                public static string Metadata() => string.Join("|",
                    Wire.StreamOf(Wire.MessageKind.Offer, Wire.Dialects.V1_0), Wire.StreamOf(Wire.MessageKind.Offer, Wire.Dialects.V2_0),
                    Wire.ExitOf(Wire.MessageKind.Offer, Wire.Dialects.V2_0).Code, Wire.ExitOf(Wire.MessageKind.Fail, Wire.Dialects.V1_0).Code,
                    Wire.TextOf(Wire.Mode.Slow), Wire.DialectsOf(Wire.Mode.Slow), Wire.DialectsOf(Wire.MessageKind.Say), Wire.Grammar.Messages.Count);
            }
        }
        """;
}
