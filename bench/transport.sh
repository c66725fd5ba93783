#!/usr/bin/env bash
# Transport benchmark: commitd against the strongest baselines that run here — C git's
# git-http-backend under lighttpd (HTTP) and OpenSSH with git-upload-pack (SSH) — serving the same
# generated repository. Each scenario runs alternately on commitd and on the baseline; the script
# prints the median times and commitd's time over the baseline's.
#
#   bench/transport.sh [runs]        (default 3 runs per scenario and server)
#
# Needs: java, mvn, git, aws, lighttpd, sshd (Debian: apt-get install lighttpd openssh-server).
# The generated repositories are cached under bench/.cache (about 250 MB).
set -euo pipefail
RUNS=${1:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CACHE="$HERE/.cache"
WORK=$(mktemp -d /tmp/commitd-bench.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

for tool in java git aws lighttpd /usr/sbin/sshd; do
  command -v "$tool" >/dev/null || { echo "bench: missing $tool (apt-get install lighttpd openssh-server)" >&2; exit 1; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
export GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0 HOME="$WORK/home"
mkdir -p "$HOME"
git config --global user.name bench; git config --global user.email bench@example.com
git config --global init.defaultBranch main; git config --global advice.detachedHead false

# ---- the repository: about 110 MB of incompressible content over 220 commits
SOURCE="$CACHE/large.git"
if [ ! -f "$CACHE/large.ready" ]; then
  echo "bench: generating the test repository (once)..." >&2
  rm -rf "$CACHE" && mkdir -p "$CACHE"
  git init -q "$CACHE/gen"
  for i in $(seq 1 220); do
    mkdir -p "$CACHE/gen/dir$((i % 20))"
    head -c 500000 /dev/urandom > "$CACHE/gen/dir$((i % 20))/blob$i.bin"
    printf 'line %s\n' $(seq 1 $((i * 10))) > "$CACHE/gen/notes.txt"
    git -C "$CACHE/gen" add -A && git -C "$CACHE/gen" commit -q -m "commit $i"
  done
  git clone -q --bare "$CACHE/gen" "$SOURCE" && rm -rf "$CACHE/gen"
  git -C "$SOURCE" repack -q -a -d -b
  touch "$CACHE/large.ready"
fi
PACKED=$(du -sm "$SOURCE/objects/pack" | cut -f1)
echo "bench: repository of ${PACKED} MB packed, $(git -C "$SOURCE" rev-list --count HEAD) commits" >&2

# ---- baseline HTTP: git-http-backend under lighttpd
BASE_ROOT="$WORK/baseline"; mkdir -p "$BASE_ROOT"
git clone -q --bare "$SOURCE" "$BASE_ROOT/large.git"
git -C "$BASE_ROOT/large.git" repack -q -a -d -b
git -C "$BASE_ROOT/large.git" config http.receivepack true
git -C "$BASE_ROOT/large.git" config uploadpack.allowFilter true
HTTP_BASE_PORT=$(free_port)
cat > "$WORK/lighttpd.conf" <<EOF
server.modules = ("mod_alias", "mod_cgi", "mod_setenv")
server.document-root = "$WORK"
server.bind = "127.0.0.1"
server.port = $HTTP_BASE_PORT
server.max-request-size = 2097151
alias.url = ("/git/" => "/usr/lib/git-core/git-http-backend/")
\$HTTP["url"] =~ "^/git/" {
  cgi.assign = ("" => "")
  setenv.add-environment = ("GIT_PROJECT_ROOT" => "$BASE_ROOT", "GIT_HTTP_EXPORT_ALL" => "1", "REMOTE_USER" => "bench")
}
EOF
lighttpd -D -f "$WORK/lighttpd.conf" & PIDS+=($!)

# ---- baseline SSH: OpenSSH with git-upload-pack
SSH_BASE_PORT=$(free_port)
ssh-keygen -q -t ed25519 -N "" -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N "" -f "$WORK/client_key"
cp "$WORK/client_key.pub" "$WORK/authorized_keys"
cat > "$WORK/sshd_config" <<EOF
Port $SSH_BASE_PORT
ListenAddress 127.0.0.1
HostKey $WORK/host_key
AuthorizedKeysFile $WORK/authorized_keys
PasswordAuthentication no
PermitRootLogin yes
StrictModes no
UsePAM no
PidFile $WORK/sshd.pid
EOF
mkdir -p /run/sshd
/usr/sbin/sshd -D -f "$WORK/sshd_config" & PIDS+=($!)
SSH_OPTS="-i $WORK/client_key -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes"

# ---- commitd
[ -f "$ROOT/server/target/commitd.jar" ] || (cd "$ROOT" && mvn -B -q package -DskipTests)
HTTP_PORT=$(free_port); SSH_PORT=$(free_port)
export AWS_ACCESS_KEY_ID=AKIABENCHROOT0000001 AWS_SECRET_ACCESS_KEY=benchSecretKey00000000000000000000000000
export AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
java -jar "$ROOT/server/target/commitd.jar" --data-dir "$WORK/commitd" --bind 127.0.0.1 --http-port "$HTTP_PORT" \
  --ssh-port "$SSH_PORT" --root-access-key-id "$AWS_ACCESS_KEY_ID" --root-secret-access-key "$AWS_SECRET_ACCESS_KEY" \
  > "$WORK/commitd.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1 && break; sleep 1; done
AWS="aws --endpoint-url http://127.0.0.1:$HTTP_PORT --output text"
$AWS codecommit create-repository --repository-name large >/dev/null
$AWS iam create-user --user-name bench >/dev/null
$AWS iam put-user-policy --user-name bench --policy-name all --policy-document \
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"codecommit:*","Resource":"*"}}'
read -r GIT_USER GIT_PASSWORD < <($AWS iam create-service-specific-credential --user-name bench \
  --service-name codecommit.amazonaws.com --query 'ServiceSpecificCredential.[ServiceUserName,ServicePassword]')
SSH_KEY_ID=$($AWS iam upload-ssh-public-key --user-name bench --ssh-public-key-body "$(cat "$WORK/client_key.pub")" \
  --query SSHPublicKey.SSHPublicKeyId)
ENCODED_PASSWORD=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$GIT_PASSWORD")
COMMITD_HTTP="http://$GIT_USER:$ENCODED_PASSWORD@127.0.0.1:$HTTP_PORT/v1/repos/large"
COMMITD_SSH="ssh://$SSH_KEY_ID@127.0.0.1:$SSH_PORT/v1/repos/large"
BASE_HTTP="http://127.0.0.1:$HTTP_BASE_PORT/git/large.git"
BASE_SSH="ssh://root@127.0.0.1:$SSH_BASE_PORT$BASE_ROOT/large.git"
git -C "$SOURCE" push -q "$COMMITD_HTTP" main
# commitd repacks with bitmaps in the background after a push; measure once it has.
for _ in $(seq 1 180); do ls "$WORK"/commitd/repositories/*.git/objects/pack/*.bitmap >/dev/null 2>&1 && break; sleep 1; done
export GIT_SSH_COMMAND="ssh $SSH_OPTS"

# ---- scenarios
now() { date +%s.%N; }
timed() { local start; start=$(now); "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }; python3 -c "print($(now)-$start)"; }
full_clone() { rm -rf "$WORK/c"; git clone -q --bare "$1" "$WORK/c"; }
partial_clone() { rm -rf "$WORK/c"; git clone -q --bare --filter=blob:none "$1" "$WORK/c"; }
shallow_clone() { rm -rf "$WORK/c"; git clone -q --depth 1 "$1" "$WORK/c"; }
fetch_setup() { rm -rf "$WORK/f"; git clone -q --bare "$1" "$WORK/f" && git -C "$WORK/f" update-ref refs/heads/main main~20 && \
  git -C "$WORK/f" reflog expire --expire=now --all && git -C "$WORK/f" gc -q --prune=now; }
incremental_fetch() { git -C "$WORK/f" fetch -q "$1" main:main; }
PUSH_N=0
push_setup() { rm -rf "$WORK/p"; git clone -q "$BASE_HTTP" "$WORK/p" >/dev/null 2>&1; PUSH_N=$((PUSH_N + 1));
  head -c 3000000 /dev/urandom > "$WORK/p/push.bin"; git -C "$WORK/p" add push.bin; git -C "$WORK/p" commit -q -m "push $PUSH_N"; }
push_branch() { git -C "$WORK/p" push -q "$1" "HEAD:refs/heads/bench-$PUSH_N-$2"; }

declare -A RESULTS
record() { RESULTS["$1|$2"]="${RESULTS["$1|$2"]:-} $3"; }
for run in $(seq 1 "$RUNS"); do
  echo "bench: run $run of $RUNS" >&2
  for server in commitd baseline; do
    if [ $server = commitd ]; then H=$COMMITD_HTTP; S=$COMMITD_SSH; else H=$BASE_HTTP; S=$BASE_SSH; fi
    record "full clone (HTTP)" $server "$(timed full_clone "$H")"
    record "full clone (SSH)" $server "$(timed full_clone "$S")"
    record "partial clone, blob:none (HTTP)" $server "$(timed partial_clone "$H")"
    record "shallow clone, depth 1 (HTTP)" $server "$(timed shallow_clone "$H")"
    fetch_setup "$BASE_HTTP"
    record "incremental fetch, 20 commits (HTTP)" $server "$(timed incremental_fetch "$H")"
    push_setup
    record "push 3 MB commit (HTTP)" $server "$(timed push_branch "$H" "$server")"
  done
done

printf '\n%-40s %12s %12s %8s\n' "scenario (median of $RUNS)" "commitd s" "baseline s" "ratio"
for scenario in "full clone (HTTP)" "full clone (SSH)" "partial clone, blob:none (HTTP)" "shallow clone, depth 1 (HTTP)" \
    "incremental fetch, 20 commits (HTTP)" "push 3 MB commit (HTTP)"; do
  python3 - "$scenario" ${RESULTS["$scenario|commitd"]} -- ${RESULTS["$scenario|baseline"]} <<'EOF'
import statistics, sys
name = sys.argv[1]; rest = sys.argv[2:]; split = rest.index('--')
ours = statistics.median(map(float, rest[:split])); theirs = statistics.median(map(float, rest[split + 1:]))
print(f"{name:<40} {ours:12.3f} {theirs:12.3f} {ours / theirs:7.2f}x")
EOF
done
