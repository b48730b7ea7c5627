#!/usr/bin/env bash
# Records what a real obfs4proxy prints on stdout as a managed pluggable transport
# (client, server and error cases) into the .txt files beside this script.
# Everything binds 127.0.0.1; every process is bounded by `timeout`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v obfs4proxy >/dev/null || { echo "capture.sh: obfs4proxy is not installed" >&2; exit 1; }

work=$(mktemp -d)
holder=""
cleanup() {
  if [ -n "$holder" ]; then kill "$holder" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# run OUT [VAR=value ...]: obfs4proxy in a clean environment with its own state directory;
# stdin stays open for 2 s, then closes (TOR_PT_EXIT_ON_STDIN_CLOSE=1). Appends stdout to OUT.
run() {
  local out=$1 rc=0 state
  shift
  state=$(mktemp -d -p "$work")
  sleep 2 | env -i PATH="$PATH" TOR_PT_STATE_LOCATION="$state/" TOR_PT_EXIT_ON_STDIN_CLOSE=1 "$@" \
    timeout 10 obfs4proxy >>"$here/$out" 2>"$work/stderr" || rc=$?
  echo "$out: exit $rc: $*"
  if [ -s "$work/stderr" ]; then sed 's/^/  stderr: /' "$work/stderr"; fi
}

client=(TOR_PT_MANAGED_TRANSPORT_VER=1 TOR_PT_CLIENT_TRANSPORTS=obfs4)
server=(TOR_PT_MANAGED_TRANSPORT_VER=1 TOR_PT_SERVER_TRANSPORTS=obfs4)

: >"$here/obfs4proxy-client.txt"
run obfs4proxy-client.txt TOR_PT_MANAGED_TRANSPORT_VER=1 \
  TOR_PT_CLIENT_TRANSPORTS=obfs4,obfs3,meek_lite,scramblesuit

: >"$here/obfs4proxy-server.txt"
run obfs4proxy-server.txt "${server[@]}" TOR_PT_SERVER_BINDADDR=obfs4-127.0.0.1:0 TOR_PT_ORPORT=127.0.0.1:9

# A port on 127.0.0.1 held busy, for the failed-bind case.
timeout 60 python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
open(sys.argv[1], "w").write(str(s.getsockname()[1])); time.sleep(60)' "$work/port" &
holder=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
busy=$(cat "$work/port")

errors=obfs4proxy-errors.txt
: >"$here/$errors"
run $errors TOR_PT_MANAGED_TRANSPORT_VER=9 TOR_PT_CLIENT_TRANSPORTS=obfs4
run $errors TOR_PT_CLIENT_TRANSPORTS=obfs4
run $errors "${client[@]}" TOR_PT_PROXY=socks4a://127.0.0.1:1080
run $errors "${client[@]}" TOR_PT_PROXY=bogus
run $errors "${client[@]}" TOR_PT_PROXY=ftp://127.0.0.1:21
run $errors "${client[@]}" TOR_PT_PROXY=socks5://127.0.0.1:1080
run $errors TOR_PT_MANAGED_TRANSPORT_VER=1 TOR_PT_CLIENT_TRANSPORTS=obfs4,foo
run $errors "${server[@]}" TOR_PT_SERVER_BINDADDR=obfs4-127.0.0.1:0
run $errors TOR_PT_MANAGED_TRANSPORT_VER=1
run $errors "${server[@]}" TOR_PT_SERVER_BINDADDR=obfs4-127.0.0.1:0 TOR_PT_ORPORT=127.0.0.1:9 \
  TOR_PT_SERVER_TRANSPORT_OPTIONS=obfs4:iat-mode=7
run $errors "${server[@]}" TOR_PT_SERVER_BINDADDR="obfs4-127.0.0.1:$busy" TOR_PT_ORPORT=127.0.0.1:9
