#!/usr/bin/env bash
# Storage-engine benchmark: the s3 engine (packs in S3Proxy, refs in PostgreSQL) against the file
# engine, side by side, serving the same deterministic deep-history repository (about 100,000 objects
# by default: small files changed over many commits). Both nodes keep their metadata in PostgreSQL so
# only the engine differs. Prints the median time per scenario and s3's time over file's.
#
#   bench/scale-engines.sh [runs]            (default 3 runs per scenario and engine)
#   COMMITS=500 bench/scale-engines.sh 1     (a smoke run: a few seconds per scenario)
#
# Needs: java, git, aws, python3, psql/createdb/dropdb, PostgreSQL at 127.0.0.1:5432 (user postgres, trust),
# and a build: mvn -B -q package -DskipTests && mvn -B -q -pl server generate-test-resources (S3Proxy's jar).
# S3Proxy's filesystem backend on local disk flatters s3 (no network latency to S3): read the ratios as the
# engine's own overhead, not as what a real bucket costs.
set -euo pipefail
RUNS=${1:-3}
COMMITS=${COMMITS:-17000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
JAR="$ROOT/server/target/commitd.jar"
S3PROXY_JAR="$ROOT/server/target/s3proxy/s3proxy.jar"
WORK=$(mktemp -d /tmp/commitd-scale-bench.XXXXXX)
PIDS=()
DBS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  for db in "${DBS[@]}"; do dropdb -h 127.0.0.1 -U postgres --if-exists "$db" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in java git aws python3 createdb dropdb psql; do
  command -v "$tool" >/dev/null || { echo "bench: missing $tool" >&2; exit 1; }
done
[ -f "$JAR" ] || { echo "bench: build first: mvn -B -q package -DskipTests" >&2; exit 1; }
[ -f "$S3PROXY_JAR" ] || { echo "bench: missing $S3PROXY_JAR: mvn -B -q -pl server generate-test-resources" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
export GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0 HOME="$WORK/home"
mkdir -p "$HOME"
git config --global user.name bench; git config --global user.email bench@example.com
git config --global init.defaultBranch main; git config --global advice.detachedHead false

# ---- the repository: deterministic (fixed contents and dates, so the same ids every time)
SOURCE="$WORK/source.git"
git init -q --bare "$SOURCE"
python3 - "$COMMITS" <<'EOF' | git -C "$SOURCE" fast-import --quiet
import sys
commits = int(sys.argv[1])
out = sys.stdout.buffer
for c in range(commits):
    files = [(c * 7) % 500, (c * 13 + 250) % 500]
    out.write(b"commit refs/heads/main\n")
    out.write(b"committer Bench <bench@example.com> %d +0000\n" % (1700000000 + c * 60))
    msg = b"change %d\n" % c
    out.write(b"data %d\n%s" % (len(msg), msg))
    for f in files:
        body = b"".join(b"file %d line %d revision %d\n" % (f, line, c) for line in range(20))
        out.write(b"M 100644 inline dir%02d/file%03d.txt\ndata %d\n%s\n" % (f % 50, f, len(body), body))
    out.write(b"\n")
EOF
git -C "$SOURCE" repack -q -a -d -b
OBJECTS=$(git -C "$SOURCE" count-objects -v | awk '/^in-pack/ {print $2}')
echo "bench: repository of $OBJECTS objects, $(git -C "$SOURCE" rev-list --count main) commits" >&2

# ---- S3Proxy and the two nodes
S3_PORT=$(free_port)
mkdir -p "$WORK/s3data"
cat > "$WORK/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-identity
s3proxy.credential=bench-credential
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/s3data
EOF
java -Xmx256m -jar "$S3PROXY_JAR" --properties "$WORK/s3proxy.properties" > "$WORK/s3proxy.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && break; sleep 1; done
AWS_ACCESS_KEY_ID=bench-identity AWS_SECRET_ACCESS_KEY=bench-credential AWS_DEFAULT_REGION=us-east-1 \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
  aws --endpoint-url "http://127.0.0.1:$S3_PORT" s3api create-bucket --bucket bench-packs >/dev/null

export AWS_ACCESS_KEY_ID=AKIABENCHROOT0000001 AWS_SECRET_ACCESS_KEY=benchSecretKey00000000000000000000000000
export AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
declare -A URL PORT DB
for engine in file s3; do
  DB[$engine]="commitd_bench_${engine}_$$"
  createdb -h 127.0.0.1 -U postgres "${DB[$engine]}"; DBS+=("${DB[$engine]}")
  PORT[$engine]=$(free_port)
  extra=()
  if [ "$engine" = s3 ]; then
    extra=(--storage s3 --s3-endpoint "http://127.0.0.1:$S3_PORT" --s3-bucket bench-packs --s3-region us-east-1
      --s3-path-style true --s3-access-key-id bench-identity --s3-secret-access-key bench-credential --block-cache-mb 256)
  fi
  java -Xmx1g -jar "$JAR" --data-dir "$WORK/$engine" --bind 127.0.0.1 --http-port "${PORT[$engine]}" --ssh-port -1 \
    --db-url "jdbc:postgresql://127.0.0.1:5432/${DB[$engine]}" --db-user postgres \
    --root-access-key-id "$AWS_ACCESS_KEY_ID" --root-secret-access-key "$AWS_SECRET_ACCESS_KEY" "${extra[@]}" \
    > "$WORK/$engine.log" 2>&1 & PIDS+=($!)
done
for engine in file s3; do
  for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:${PORT[$engine]}/health" >/dev/null 2>&1 && break; sleep 1; done
  AWS="aws --endpoint-url http://127.0.0.1:${PORT[$engine]} --output text"
  $AWS codecommit create-repository --repository-name deep >/dev/null
  $AWS iam create-user --user-name bench >/dev/null
  $AWS iam put-user-policy --user-name bench --policy-name all --policy-document \
    '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"codecommit:*","Resource":"*"}}'
  read -r GIT_USER GIT_PASSWORD < <($AWS iam create-service-specific-credential --user-name bench \
    --service-name codecommit.amazonaws.com --query 'ServiceSpecificCredential.[ServiceUserName,ServicePassword]')
  ENCODED=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$GIT_PASSWORD")
  URL[$engine]="http://$GIT_USER:$ENCODED@127.0.0.1:${PORT[$engine]}/v1/repos/deep"
  git -C "$SOURCE" push -q "${URL[$engine]}" main
done
# Both engines repack with bitmaps in the background after a push; measure once they have.
for _ in $(seq 1 300); do ls "$WORK"/file/repositories/*.git/objects/pack/*.bitmap >/dev/null 2>&1 && break; sleep 1; done
for _ in $(seq 1 300); do
  n=$(psql -h 127.0.0.1 -U postgres -d "${DB[s3]}" -tAc \
    "SELECT count(*) FROM dfs_pack_files f JOIN dfs_packs p USING (repository_id, pack_name) WHERE f.extension = 'bitmap' AND p.replaced_at IS NULL")
  [ "$n" -gt 0 ] && break; sleep 1
done

# ---- scenarios
now() { date +%s.%N; }
timed() { local start; start=$(now); "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }; python3 -c "print($(now)-$start)"; }
full_clone() { rm -rf "$WORK/c"; git clone -q --bare "$1" "$WORK/c"; }
shallow_clone() { rm -rf "$WORK/c"; git clone -q --depth 1 "$1" "$WORK/c"; }
blobless_clone() { rm -rf "$WORK/c"; git clone -q --bare --filter=blob:none "$1" "$WORK/c"; }
fetch_setup() { rm -rf "$WORK/f"; git clone -q --bare "$SOURCE" "$WORK/f" && git -C "$WORK/f" update-ref refs/heads/main main~100 && \
  git -C "$WORK/f" reflog expire --expire=now --all && git -C "$WORK/f" gc -q --prune=now; }
fetch_100() { git -C "$WORK/f" fetch -q "$1" main:main; }
PUSH_N=0
push_setup() { rm -rf "$WORK/p"; git clone -q "$SOURCE" "$WORK/p"; PUSH_N=$((PUSH_N + 1));
  for i in $(seq 1 10); do echo "push $PUSH_N change $i" > "$WORK/p/dir00/push.txt"; git -C "$WORK/p" add -A; git -C "$WORK/p" commit -q -m "push $PUSH_N.$i"; done; }
push_10() { git -C "$WORK/p" push -q "$1" "HEAD:refs/heads/bench-$PUSH_N-$2"; }

declare -A RESULTS
record() { RESULTS["$1|$2"]="${RESULTS["$1|$2"]:-} $3"; }
for run in $(seq 1 "$RUNS"); do
  echo "bench: run $run of $RUNS" >&2
  for engine in file s3; do
    U=${URL[$engine]}
    record "full clone" $engine "$(timed full_clone "$U")"
    record "shallow clone, depth 1" $engine "$(timed shallow_clone "$U")"
    record "blobless clone" $engine "$(timed blobless_clone "$U")"
    fetch_setup
    record "fetch 100 commits" $engine "$(timed fetch_100 "$U")"
    push_setup
    record "push 10 commits" $engine "$(timed push_10 "$U" "$engine")"
  done
done

printf '\n%-28s %10s %10s %8s   (%s objects, median of %s)\n' "scenario" "file s" "s3 s" "s3/file" "$OBJECTS" "$RUNS"
for scenario in "full clone" "shallow clone, depth 1" "blobless clone" "fetch 100 commits" "push 10 commits"; do
  python3 - "$scenario" ${RESULTS["$scenario|file"]} -- ${RESULTS["$scenario|s3"]} <<'EOF'
import statistics, sys
name = sys.argv[1]; rest = sys.argv[2:]; split = rest.index('--')
file_s = statistics.median(map(float, rest[:split])); s3_s = statistics.median(map(float, rest[split + 1:]))
print(f"{name:<28} {file_s:10.3f} {s3_s:10.3f} {s3_s / file_s:7.2f}x")
EOF
done
