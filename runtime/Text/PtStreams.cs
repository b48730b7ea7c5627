namespace PtToolkit.Text;

/// <summary>The stream a PT writes a message on.</summary>
public enum PtStream : byte
{
    /// <summary>Standard output.</summary>
    Stdout,
    /// <summary>Standard error (PT 2.x error messages).</summary>
    Stderr,
}

/// <summary>What follows a message: whether the PT must terminate, and with which exit code if one is set.</summary>
public readonly record struct PtExit(bool Terminates, int? Code)
{
    /// <summary>The PT goes on after the message.</summary>
    public static PtExit Continue => new(false, null);
}
