#!/usr/bin/env bash
# Records every byte a real tor sends on its control port during one varied session into
# tor-0.4.9-control.s2c beside this script, and the commands sent into tor-0.4.9-control.c2s
# (the AUTHENTICATE proof left out). tor runs offline: it starts with DisableNetwork 1, and once the
# network is enabled its only peers are on 127.0.0.1 (a bridge on the discard port, reached through
# obfs4proxy, and a directory authority on the same port, no fallback directories). Everything binds
# 127.0.0.1; tor is stopped by its pid and bounded by `timeout`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for tool in tor obfs4proxy python3; do
  command -v "$tool" >/dev/null || { echo "capture-control.sh: $tool is not installed" >&2; exit 1; }
done

work=$(mktemp -d)
tor_pid=""
cleanup() {
  if [ -n "$tor_pid" ]; then kill "$tor_pid" 2>/dev/null || true; wait "$tor_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A data directory whose path needs CString escapes in PROTOCOLINFO's COOKIEFILE: space, quote, backslash, UTF-8.
data="$work/data dir \"q\" back\\slash é"
fake=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
cat >"$work/torrc" <<EOF
DirAuthority local orport=9 no-v2 v3ident=$fake 127.0.0.1:9 $fake
UseDefaultFallbackDirs 0
UseBridges 1
Bridge obfs4 127.0.0.1:9 $fake cert=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA iat-mode=0
ClientTransportPlugin obfs4 exec $(command -v obfs4proxy)
EOF
: >"$work/defaults"

timeout 120 tor -f "$work/torrc" --defaults-torrc "$work/defaults" \
  --SocksPort 127.0.0.1:auto --ControlPort 127.0.0.1:auto --ControlPortWriteToFile "$work/control-port" \
  --CookieAuthentication 1 --DataDirectory "$data" --DisableNetwork 1 --Log "notice file $work/tor.log" \
  >/dev/null 2>&1 &
tor_pid=$!
for _ in $(seq 100); do [ -s "$work/control-port" ] && break; sleep 0.1; done
[ -s "$work/control-port" ] || { echo "capture-control.sh: tor wrote no control port" >&2; cat "$work/tor.log" >&2; exit 1; }

timeout 90 python3 "$here/control-session.py" "$work/control-port" "$data/control_auth_cookie" \
  "$here/tor-0.4.9-control.s2c" "$here/tor-0.4.9-control.c2s"
echo "tor $(tor --version | head -1 | sed 's/^Tor version //')"
