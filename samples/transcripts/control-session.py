#!/usr/bin/env python3
"""One varied control-port session with a real tor; every byte tor sends is recorded.

    control-session.py PORT_FILE COOKIE_FILE S2C_OUT C2S_OUT

Run by capture-control.sh. Authenticates with SAFECOOKIE (the cookie never goes on the wire, and the
AUTHENTICATE proof is not written to C2S_OUT), runs the commands below, enables the network so that tor
tries its 127.0.0.1-only bridge, opens a SOCKS stream, collects events for a few seconds, then QUITs.
"""
import hashlib
import hmac
import os
import re
import socket
import sys
import time

TIMEOUT = 15.0
EVENTS = ("CIRC STREAM ORCONN BW NOTICE INFO WARN ERR STATUS_CLIENT STATUS_GENERAL STATUS_SERVER CONF_CHANGED "
          "SIGNAL NETWORK_LIVENESS GUARD ADDRMAP STREAM_BW CIRC_BW CONN_BW CIRC_MINOR TRANSPORT_LAUNCHED "
          "HS_DESC NEWDESC DESCCHANGED BUILDTIMEOUT_SET NS NEWCONSENSUS CLIENTS_SEEN")


class Session:
    """A control connection that records what tor sends and frames it into replies (control-spec 2.3)."""

    def __init__(self, port_file, s2c, c2s):
        text = open(port_file).read()
        host, port = re.search(r"^PORT=([0-9.]+):([0-9]+)$", text, re.M).groups()
        self.sock = socket.create_connection((host, int(port)), timeout=TIMEOUT)
        self.s2c, self.c2s = s2c, c2s
        self.pending = b""
        self.lines, self.in_data = [], False
        self.replies, self.events, self.commands = [], 0, 0

    def _fill(self, deadline):
        self.sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            return True
        if not chunk:
            return False
        self.s2c.write(chunk)
        self.pending += chunk
        while b"\r\n" in self.pending:
            line, self.pending = self.pending.split(b"\r\n", 1)
            self.lines.append(line)
            if self.in_data:
                self.in_data = line != b"."
            elif line[3:4] == b"+":
                self.in_data = True
            elif line[3:4] == b" ":
                if line[:1] == b"6":
                    self.events += 1
                else:
                    self.replies.append(self.lines)
                self.lines = []
        return True

    def pump(self, seconds):
        """Reads (events) for a while."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self._fill(deadline):
            pass

    def command(self, line, shown=None):
        """Sends one command and returns its reply's lines."""
        self.sock.sendall(line.encode() + b"\r\n")
        self.commands += 1
        self.c2s.write((shown or line).encode() + b"\r\n")
        deadline = time.monotonic() + TIMEOUT
        while not self.replies:
            if time.monotonic() > deadline or not self._fill(deadline):
                raise SystemExit("no reply to " + (shown or line).split(" ")[0])
        return self.replies.pop(0)

    def until_closed(self):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline and self._fill(deadline):
            pass


def authenticate(session, cookie_file):
    cookie = open(cookie_file, "rb").read()
    client_nonce = os.urandom(32)
    reply = session.command("AUTHCHALLENGE SAFECOOKIE " + client_nonce.hex().upper())
    fields = dict(re.findall(r"(SERVERHASH|SERVERNONCE)=([0-9A-F]{64})", reply[-1].decode()))
    server_nonce = bytes.fromhex(fields["SERVERNONCE"])
    message = cookie + client_nonce + server_nonce
    expected = hmac.new(b"Tor safe cookie authentication server-to-controller hash", message, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, bytes.fromhex(fields["SERVERHASH"])):
        raise SystemExit("SERVERHASH does not match the cookie")
    proof = hmac.new(b"Tor safe cookie authentication controller-to-server hash", message, hashlib.sha256).hexdigest()
    reply = session.command("AUTHENTICATE " + proof.upper(), shown="AUTHENTICATE <SAFECOOKIE proof not recorded>")
    if reply[-1] != b"250 OK":
        raise SystemExit("AUTHENTICATE refused: " + reply[-1].decode())


def socks_stream(session):
    """Opens a SOCKS5 stream to example.com:80 through tor (it waits for a circuit that never comes)."""
    reply = session.command("GETINFO net/listeners/socks")
    host, port = re.search(rb'"([0-9.]+):([0-9]+)"', reply[0]).groups()
    sock = socket.create_connection((host.decode(), int(port)), timeout=TIMEOUT)
    sock.sendall(b"\x05\x01\x00")
    sock.recv(2)
    sock.sendall(b"\x05\x01\x00\x03\x0bexample.com\x00\x50")
    return sock


def main():
    port_file, cookie_file, s2c_path, c2s_path = sys.argv[1:5]
    with open(s2c_path, "wb") as s2c, open(c2s_path, "wb") as c2s:
        session = Session(port_file, s2c, c2s)
        session.command("PROTOCOLINFO 1")
        authenticate(session, cookie_file)
        session.command("PROTOCOLINFO")
        session.command("GETINFO version config-file status/bootstrap-phase net/listeners/control")
        session.command("GETINFO config-text")
        session.command("GETINFO events/names signal/names features/names")
        session.command("GETINFO info/names")
        session.command("GETINFO no-such-key")
        session.command("GETCONF SocksPort DisableNetwork ContactInfo Bridge UseBridges Log DataDirectory")
        session.command("USEFEATURE EXTENDED_EVENTS VERBOSE_NAMES")
        session.command("SETEVENTS PT_LOG")
        session.command("SETEVENTS " + EVENTS)
        session.command('SETCONF ContactInfo="tester \\"quoted\\" back\\\\slash, tab\\t and \\303\\251"')
        session.command("GETCONF ContactInfo")
        session.command("SETCONF NoSuchOption=1")
        session.command("SETCONF MaxCircuitDirtiness=soon")
        session.command("RESETCONF ContactInfo")
        session.command("SIGNAL NEWNYM")
        session.command("SIGNAL CLEARDNSCACHE")
        session.command("SIGNAL HEARTBEAT")
        session.command("SIGNAL NO_SUCH_SIGNAL")
        session.command("MAPADDRESS 0.0.0.0=torproject.org 10.40.40.40=example.com")
        session.command("MAPADDRESS example.net=1.2.3")
        reply = session.command("ADD_ONION NEW:ED25519-V3 Flags=DiscardPK Port=80,127.0.0.1:9")
        service = re.search(rb"ServiceID=([a-z2-7]+)", b"\n".join(reply)).group(1).decode()
        session.command("GETINFO onions/current")
        session.command("DEL_ONION " + service)
        session.command("DEL_ONION " + service)
        session.command("ADD_ONION ED25519-V3:notakey Port=80")
        session.command("FROB the knob")
        session.command("GETINFO circuit-status stream-status orconn-status entry-guards")
        session.command("SETCONF DisableNetwork=0")
        session.pump(3)
        socks = socks_stream(session)
        session.pump(3)
        socks.close()
        session.pump(2)
        session.command("GETINFO stream-status status/bootstrap-phase network-liveness")
        session.command("SETCONF DisableNetwork=1")
        session.pump(1)
        session.command("SETEVENTS")
        session.command("QUIT")
        session.until_closed()
        print("%d commands answered, %d events, %d bytes from tor" % (session.commands, session.events, s2c.tell()))


if __name__ == "__main__":
    main()
