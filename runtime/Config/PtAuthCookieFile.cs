using System;

namespace PtToolkit.Config;

/// <summary>
/// TOR_PT_AUTH_COOKIE_FILE / <c>-authcookie</c> (PT 2.2 §1.1.3, PT 1.0 §3.2.3): the path of the Extended ORPort
/// authentication cookie. It must be non-empty and hold no NUL character; whether the file exists and is a
/// valid cookie is checked when it is read, not at bind time.
/// </summary>
public static class PtAuthCookieFile
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "TOR_PT_AUTH_COOKIE_FILE";

    /// <summary>Parses the path.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out string path, out PtConfigError error, string variable = Variable)
    {
        path = "";
        error = default;
        if (value.IsEmpty)
        {
            error = new PtConfigError(PtConfigErrorKind.Env, variable, 0, "empty path");
            return false;
        }
        int nul = value.IndexOf('\0');
        if (nul >= 0)
        {
            error = new PtConfigError(PtConfigErrorKind.Env, variable, nul, PtConfigText.Quote(value) + ": a path cannot hold a NUL character");
            return false;
        }
        path = value.ToString();
        return true;
    }

    /// <summary>The variable's text: the path itself.</summary>
    /// <exception cref="ArgumentException">The path is empty or holds a NUL character.</exception>
    public static string Format(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0')) throw new ArgumentException("not a valid cookie file path", nameof(path));
        return path;
    }
}
