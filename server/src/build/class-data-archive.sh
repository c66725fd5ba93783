#!/bin/sh
# Writes the class-data archive bin/commitd uses (the jar's name + .jsa): starts the jar once, as
# bin/commitd starts it, on an empty data directory, waits until it answers /health, and stops it;
# the JVM writes the classes it loaded when it exits. A first start then maps them instead of loading
# them from the jar (docs/performance.md). Run by the server module's package phase. The environment
# is emptied so that no COMMITD_* setting of the building shell (a database URL, say) reaches the
# throwaway server. Without curl it writes nothing: bin/commitd then writes the archive when its
# first run stops.
set -eu
jar=$1
launcher=$(cd "$(dirname "$0")/../../.." && pwd)/bin/commitd
command -v curl >/dev/null || { echo "curl not found: no class-data archive now; bin/commitd writes it at its first stop"; exit 0; }
work=$(mktemp -d)
server=
trap '[ -z "$server" ] || kill -9 "$server" 2>/dev/null; rm -rf "$work"' EXIT
rm -f "$jar.jsa"
# The log exists before the server starts: the loop below may read it before the background shell opens it.
: > "$work/log"
env -i PATH="$PATH" HOME="$work" COMMITD_JAR="$jar" sh "$launcher" --data-dir "$work/data" \
  --bind 127.0.0.1 --http-port 0 --ssh-port 0 > "$work/log" 2>&1 &
server=$!
failed() { cat "$work/log" >&2; echo "class-data archive: $1" >&2; exit 1; }
url=
for _ in $(seq 1 1200); do
  kill -0 "$server" 2>/dev/null || failed "the training start exited"
  url=$(sed -n 's|.*commitd serving \(http://[^ ]*/\) .*|\1|p' "$work/log")
  [ -n "$url" ] && curl -fs "${url}health" >/dev/null 2>&1 && break
  url=
  sleep 0.05
done
[ -n "$url" ] || failed "the training start did not answer /health within a minute"
# An unsigned API call: the front door's refusal path is part of every first call.
curl -s -X POST -H 'X-Amz-Target: CodeCommit_20150413.ListRepositories' -H 'Content-Type: application/x-amz-json-1.1' \
  -d '{}' "$url" >/dev/null || true
kill -TERM "$server"
wait "$server" || failed "the training start did not stop cleanly"
server=
[ -s "$jar.jsa" ] || failed "the training start wrote no archive ($jar.jsa)"
