namespace PtToolkit.Control;

/// <summary>
/// The reply codes of control-spec §4. The first digit is the class (2 success, 4 temporary failure,
/// 5 permanent failure, 6 asynchronous); a code not listed here keeps its number in the enum value.
/// </summary>
public enum TorStatusCode
{
    /// <summary>250 OK.</summary>
    Ok = 250,
    /// <summary>251 Operation was unnecessary.</summary>
    OperationUnnecessary = 251,
    /// <summary>451 Resource exhausted.</summary>
    ResourceExhausted = 451,
    /// <summary>500 Syntax error: protocol.</summary>
    ProtocolSyntaxError = 500,
    /// <summary>510 Unrecognized command.</summary>
    UnrecognizedCommand = 510,
    /// <summary>511 Unimplemented command.</summary>
    UnimplementedCommand = 511,
    /// <summary>512 Syntax error in command argument.</summary>
    ArgumentSyntaxError = 512,
    /// <summary>513 Unrecognized command argument.</summary>
    UnrecognizedArgument = 513,
    /// <summary>514 Authentication required.</summary>
    AuthenticationRequired = 514,
    /// <summary>515 Bad authentication.</summary>
    BadAuthentication = 515,
    /// <summary>550 Unspecified Tor error.</summary>
    UnspecifiedError = 550,
    /// <summary>551 Internal error.</summary>
    InternalError = 551,
    /// <summary>552 Unrecognized entity (a configuration key, stream, circuit or event that does not exist).</summary>
    UnrecognizedEntity = 552,
    /// <summary>553 Invalid configuration value.</summary>
    InvalidConfigurationValue = 553,
    /// <summary>554 Invalid descriptor.</summary>
    InvalidDescriptor = 554,
    /// <summary>555 Unmanaged entity.</summary>
    UnmanagedEntity = 555,
    /// <summary>650 Asynchronous event notification.</summary>
    AsyncEvent = 650,
}
