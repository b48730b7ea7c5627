using System;
using System.Buffers.Binary;
using System.Net;
using PtToolkit.Text;

namespace PtToolkit.Socks;

/// <summary>What <see cref="PtSocksServerMachine.Advance"/> wants next.</summary>
internal enum PtSocksStep : byte
{
    /// <summary>More input: at least <see cref="PtSocksServerMachine.Needed"/> bytes from the unconsumed start.</summary>
    NeedInput,
    /// <summary>Send the written bytes, then call again.</summary>
    Output,
    /// <summary>The request is read; what follows the consumed bytes is the client's data.</summary>
    Done,
    /// <summary>Refused: send the written bytes (a reply, when the protocol has one here) and close.</summary>
    Failed,
}

/// <summary>
/// The server side of a SOCKS 5 handshake without I/O: it reads from a span, writes replies into a span, and keeps
/// its place between calls. Messages are read whole, one at a time, so bytes the client sends ahead (its request
/// right after its greeting) are left for the next message and, after the request, for the caller.
/// </summary>
internal struct PtSocksServerMachine
{
    /// <summary>The longest message this machine writes: a SOCKS 5 reply with an IPv4 address.</summary>
    public const int MaxOutput = 10;

    private enum Stage : byte { Greeting, UserPassword, JsonLength, JsonBody, Request, Finished }

    private readonly bool _wantsArguments;
    private readonly bool _allowUdp;
    private readonly int _maxJson;
    private Stage _stage;
    private long _offset;
    private int _jsonLength;

    public PtSocksServerMachine(PtSocksServerOptions options)
    {
        _wantsArguments = options.WantsArguments;
        _allowUdp = options.AllowUdpAssociate;
        _maxJson = options.MaxParameterBlockBytes;
        Arguments = PtSocksArgs.None;
    }

    /// <summary>After <see cref="PtSocksStep.NeedInput"/>: how many unconsumed bytes the current message needs at least.</summary>
    public int Needed { get; private set; }

    /// <summary>How many bytes the machine has consumed since the start of the handshake.</summary>
    public readonly long Offset => _offset;

    /// <summary>The method chosen.</summary>
    public PtSocksMethod Method { get; private set; }

    /// <summary>The arguments, once read.</summary>
    public PtKeyValueList Arguments { get; private set; }

    /// <summary>After <see cref="PtSocksStep.Done"/>: the command.</summary>
    public PtSocksCommand Command { get; private set; }

    /// <summary>After <see cref="PtSocksStep.Done"/>: the target.</summary>
    public EndPoint? Target { get; private set; }

    /// <summary>After <see cref="PtSocksStep.Failed"/>: why.</summary>
    public PtSocksError Error { get; private set; }

    /// <summary>Reads what it can from <paramref name="input"/> (the unconsumed bytes) and says what to do next.</summary>
    public PtSocksStep Advance(ReadOnlySpan<byte> input, Span<byte> output, out int consumed, out int written)
    {
        consumed = 0;
        written = 0;
        while (true)
        {
            var rest = input[consumed..];
            int used;
            PtSocksStep step = _stage switch
            {
                Stage.Greeting => Greeting(rest, output, out used, out written),
                Stage.UserPassword => UserPassword(rest, output, out used, out written),
                Stage.JsonLength => JsonLength(rest, output, out used, out written),
                Stage.JsonBody => JsonBody(rest, output, out used, out written),
                Stage.Request => Request(rest, output, out used, out written),
                _ => throw new InvalidOperationException("the handshake is over"),
            };
            consumed += used;
            _offset += used;
            if (step == PtSocksStep.Failed) _stage = Stage.Finished;
            if (step != PtSocksStep.NeedInput || used == 0) return step;
        }
    }

    /// <summary>The deadline passed with <paramref name="buffered"/> unconsumed bytes: the error, and the reply to send if this stage has one.</summary>
    public PtSocksError TimedOut(int buffered, Span<byte> output, out int written)
    {
        var reply = _stage switch
        {
            Stage.JsonLength or Stage.JsonBody => PtSocksReply.SettingsTimeout,
            Stage.Request => PtSocksReply.GeneralFailure,
            _ => (PtSocksReply?)null,
        };
        written = reply is { } code ? WriteReply(output, code) : 0;
        _stage = Stage.Finished;
        return new PtSocksError(PtSocksErrorReason.Timeout, _offset + buffered, reply);
    }

    // RFC 1928 §3: VER | NMETHODS | METHODS; the answer is VER | METHOD, X'FF' when none is acceptable.
    private PtSocksStep Greeting(ReadOnlySpan<byte> input, Span<byte> output, out int used, out int written)
    {
        used = written = 0;
        if (input.Length < 2) return Need(2);
        if (input[0] != 5) return Fail(PtSocksErrorReason.BadVersion, 0, output, out written);
        int count = input[1];
        if (count == 0) return Fail(PtSocksErrorReason.NoMethods, 1, output, out written, noAcceptable: true);
        if (input.Length < 2 + count) return Need(2 + count);
        var offered = input.Slice(2, count);
        used = 2 + count;
        if (!TryChoose(offered, out var method)) return Fail(PtSocksErrorReason.NoAcceptableMethod, 2, output, out written, noAcceptable: true);
        Method = method;
        output[0] = 5;
        output[1] = (byte)method;
        written = 2;
        _stage = method switch
        {
            PtSocksMethod.UsernamePassword => Stage.UserPassword,
            PtSocksMethod.JsonParameterBlock => Stage.JsonLength,
            _ => Stage.Request,
        };
        return PtSocksStep.Output;
    }

    private readonly bool TryChoose(ReadOnlySpan<byte> offered, out PtSocksMethod method)
    {
        ReadOnlySpan<byte> preference = _wantsArguments ? [0x09, 0x02, 0x00] : [0x00, 0x09, 0x02];
        foreach (byte candidate in preference)
        {
            if (offered.Contains(candidate))
            {
                method = (PtSocksMethod)candidate;
                return true;
            }
        }
        method = default;
        return false;
    }

    // RFC 1929 §2: VER(1) | ULEN | UNAME | PLEN | PASSWD. The arguments are UNAME followed by PASSWD, unless PASSWD
    // is the single NUL tor sends when UNAME holds them all (pt-spec §3.5); the answer is VER | STATUS.
    private PtSocksStep UserPassword(ReadOnlySpan<byte> input, Span<byte> output, out int used, out int written)
    {
        used = written = 0;
        if (input.Length < 2) return Need(2);
        if (input[0] != 1) return FailAuth(PtSocksErrorReason.BadVersion, 0, default, output, out written);
        int userLength = input[1];
        if (input.Length < 3 + userLength) return Need(3 + userLength);
        int passwordLength = input[2 + userLength];
        if (input.Length < 3 + userLength + passwordLength) return Need(3 + userLength + passwordLength);
        var user = input.Slice(2, userLength);
        var password = input.Slice(3 + userLength, passwordLength);
        if (passwordLength == 1 && password[0] == 0) password = default;

        Span<byte> text = stackalloc byte[2 * 255];
        user.CopyTo(text);
        password.CopyTo(text[userLength..]);
        text = text[..(userLength + password.Length)];
        if (!PtSocksArgs.TryParse(text, out var arguments, out var error))
        {
            int at = error.Offset < userLength || password.IsEmpty ? 2 + error.Offset : 3 + error.Offset;
            return FailAuth(PtSocksErrorReason.BadArguments, at, error, output, out written);
        }
        Arguments = arguments;
        used = 3 + userLength + passwordLength;
        output[0] = 1;
        output[1] = 0;
        written = 2;
        _stage = Stage.Request;
        return PtSocksStep.Output;
    }

    // pt-2.2 §1.4: a 4-byte big-endian length, then that many bytes of JSON. The document defines no answer to the
    // block itself (shapeshifter-dispatcher sends none): its codes X'10'-X'13' go in the REP field of a reply.
    private PtSocksStep JsonLength(ReadOnlySpan<byte> input, Span<byte> output, out int used, out int written)
    {
        used = written = 0;
        if (input.Length < 4) return Need(4);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(input);
        if (length > (uint)_maxJson) return Fail(PtSocksErrorReason.SettingsTooLarge, 0, output, out written, PtSocksReply.SettingsTooLarge);
        if (length == 0) return Fail(PtSocksErrorReason.BadSettings, 0, output, out written, PtSocksReply.SettingsParseError);
        _jsonLength = (int)length;
        used = 4;
        _stage = Stage.JsonBody;
        return PtSocksStep.NeedInput;
    }

    private PtSocksStep JsonBody(ReadOnlySpan<byte> input, Span<byte> output, out int used, out int written)
    {
        used = written = 0;
        if (input.Length < _jsonLength) return Need(_jsonLength);
        if (!PtSocksJson.TryParse(input[.._jsonLength], out var arguments, out int at))
            return Fail(PtSocksErrorReason.BadSettings, at, output, out written, PtSocksReply.SettingsParseError);
        Arguments = arguments;
        used = _jsonLength;
        _stage = Stage.Request;
        return PtSocksStep.NeedInput;
    }

    // RFC 1928 §4: VER | CMD | RSV | ATYP | DST.ADDR | DST.PORT.
    private PtSocksStep Request(ReadOnlySpan<byte> input, Span<byte> output, out int used, out int written)
    {
        used = written = 0;
        if (input.Length < 4) return Need(4);
        if (input[0] != 5) return Fail(PtSocksErrorReason.BadVersion, 0, output, out written, PtSocksReply.GeneralFailure);
        if (input[2] != 0) return Fail(PtSocksErrorReason.BadReserved, 2, output, out written, PtSocksReply.GeneralFailure);
        int addressStart = 4, addressLength;
        switch (input[3])
        {
            case 0x01: addressLength = 4; break;
            case 0x04: addressLength = 16; break;
            case 0x03:
                if (input.Length < 5) return Need(5);
                addressStart = 5;
                addressLength = input[4];
                if (addressLength == 0) return Fail(PtSocksErrorReason.BadAddress, 4, output, out written, PtSocksReply.GeneralFailure);
                break;
            default:
                return Fail(PtSocksErrorReason.BadAddressType, 3, output, out written, PtSocksReply.AddressTypeNotSupported);
        }
        int total = addressStart + addressLength + 2;
        if (input.Length < total) return Need(total);
        var address = input.Slice(addressStart, addressLength);
        ushort port = BinaryPrimitives.ReadUInt16BigEndian(input[(total - 2)..]);
        if (input[3] == 0x03)
        {
            int bad = address.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E);
            if (bad >= 0) return Fail(PtSocksErrorReason.BadAddress, addressStart + bad, output, out written, PtSocksReply.GeneralFailure);
        }
        switch (input[1])
        {
            case (byte)PtSocksCommand.Connect:
                break;
            case (byte)PtSocksCommand.UdpAssociate when _allowUdp:
                break;
            default:
                return Fail(PtSocksErrorReason.CommandNotSupported, 1, output, out written, PtSocksReply.CommandNotSupported);
        }
        Command = (PtSocksCommand)input[1];
        Target = input[3] == 0x03
            ? new DnsEndPoint(System.Text.Encoding.ASCII.GetString(address), port)
            : new IPEndPoint(new IPAddress(address), port);
        used = total;
        _stage = Stage.Finished;
        return PtSocksStep.Done;
    }

    private PtSocksStep Need(int bytes)
    {
        Needed = bytes;
        return PtSocksStep.NeedInput;
    }

    private PtSocksStep Fail(PtSocksErrorReason reason, int at, Span<byte> output, out int written, PtSocksReply? reply = null, bool noAcceptable = false)
    {
        written = 0;
        if (noAcceptable)
        {
            output[0] = 5;
            output[1] = 0xFF;
            written = 2;
        }
        else if (reply is { } code)
        {
            written = WriteReply(output, code);
        }
        Error = new PtSocksError(reason, _offset + at, reply);
        return PtSocksStep.Failed;
    }

    // RFC 1929 §2: "A STATUS field of X'00' indicates success"; any other is a failure, and the server closes.
    private PtSocksStep FailAuth(PtSocksErrorReason reason, int at, PtParseError argumentError, Span<byte> output, out int written)
    {
        output[0] = 1;
        output[1] = 1;
        written = 2;
        Error = new PtSocksError(reason, _offset + at, null, argumentError);
        return PtSocksStep.Failed;
    }

    /// <summary>A reply with BND.ADDR 0.0.0.0 and BND.PORT 0 (RFC 1928 §6), as sent on failure.</summary>
    internal static int WriteReply(Span<byte> output, PtSocksReply reply)
    {
        output[..MaxOutput].Clear();
        output[0] = 5;
        output[1] = (byte)reply;
        output[3] = 0x01;
        return MaxOutput;
    }
}
