#!/usr/bin/env bash
# The project's single test command: ./test.sh [extra dotnet test arguments]
# Ends with the line "N passed, N failed, N skipped", summed over every test assembly.
set -euo pipefail
cd "$(dirname "$0")"

# The integration tests drive real peers from Debian packages.
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]; }
if ! have obfs4proxy || ! have tor; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y obfs4proxy tor
fi

results=$(mktemp -d "${TMPDIR:-/tmp}/pttoolkit-test.XXXXXX")
trap 'rm -rf "$results"' EXIT

rc=0
dotnet test Toolkit.sln -c Release --logger "trx;LogFilePrefix=r" --results-directory "$results" "$@" || rc=$?

# One .trx per test assembly; add up the <Counters .../> of all of them.
# error, timeout and aborted results count as failed.
read -r passed failed skipped < <(
  find "$results" -name '*.trx' -exec grep -ho '<Counters [^>]*>' {} + | awk '
    { for (i = 2; i <= NF; i++) if (split($i, kv, "=") == 2) { gsub(/[^0-9]/, "", kv[2]); c[kv[1]] += kv[2] } }
    END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["total"] - c["executed"] }'
)

status=0
if [ "$rc" -ne 0 ]; then
  echo "test.sh: dotnet test exited with code $rc" >&2
  status=1
fi
if [ "$failed" -ne 0 ]; then
  echo "test.sh: $failed test(s) failed" >&2
  status=1
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
