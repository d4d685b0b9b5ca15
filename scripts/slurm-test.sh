#!/usr/bin/env bash
# The SLURM integration test: a real one-node SLURM cluster on loopback runs a small study as a job
# array (`ballast slurm`), merges it, and the exported CSVs must equal, byte for byte, those of the
# same study run locally in one process with --workers 1 and with --workers 2.
#
#   scripts/slurm-test.sh        # as root, with slurm-wlm and munge installed (Debian 12: slurm 22.05)
#
# What it does, in a fresh temporary folder (see scripts/slurm/README.md):
#   1. builds ballast (swift build), then writes slurm.conf (no cgroups, no systemd, everything under
#      the temporary folder) and a fresh munge key;
#   2. starts munged (as the munge user), `slurmctld -i` and slurmd (as root), and waits until sinfo
#      shows the node idle;
#   3. runs `ballast slurm scripts/slurm/tiny-study.yaml --tasks 3`, submits the array
#      with `sbatch --wait` and then the merge job with --dependency=afterok:<array>;
#   4. deletes one shard, checks that the merge names it, re-runs that task alone (sbatch --array=2)
#      and merges again;
#   5. checks that sbatch refuses `--partition nosuch`, which ballast passes through;
#   6. compares estimates.csv, replicates.csv and differences.csv with the local runs.
# A trap cancels the jobs and stops the three daemons on every exit, failed or not. Every wait is
# bounded; CI runs the whole script under `timeout` as well.
#
# Outside CI it skips (exit 0) when not run as root or when SLURM or munge is missing. With CI=true
# anything missing is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

skip() {
  if [ "${CI:-}" = "true" ]; then echo "slurm-test: FAIL: $1 (required in CI)" >&2; exit 1; fi
  echo "slurm-test: skipped: $1" >&2
  exit 0
}
[ "$(id -u)" -eq 0 ] || skip "it must run as root (it starts slurmctld, slurmd and munged)"
for tool in munged slurmctld slurmd sinfo sbatch squeue scancel setpriv; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (apt-get install slurm-wlm munge)"
done
id munge >/dev/null 2>&1 || skip "there is no munge user (apt-get install munge)"

started=$SECONDS
# ballast, built as CI builds it (the first build of a fresh checkout takes a few minutes).
swift build --product ballast
bin="$(swift build --show-bin-path)/ballast"
echo "slurm-test: ballast built after $((SECONDS - started)) s"

tmp="$(mktemp -d /tmp/ballast-slurm-test.XXXXXX)"
chmod 755 "$tmp"   # munged runs as the munge user and must reach its folder
pids=()
child=""
controller=""

# Runs a command bounded by `timeout`, in the background so that a signal to this script runs the
# trap at once (bash defers traps until a foreground command returns); the trap stops it too.
bounded() {
  local limit="$1"
  shift
  timeout "$limit" "$@" &
  child=$!
  local status=0
  wait "$child" || status=$?
  child=""
  return "$status"
}

cleanup() {
  status=$?
  set +e
  if [ -n "$child" ]; then kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; fi
  # Cancel the jobs while the controller still runs, so no job step outlives the cluster.
  if [ -n "$controller" ] && kill -0 "$controller" 2>/dev/null; then
    timeout 10 scancel --quiet --full "--user=$(id -un)" 2>/dev/null
    # slurmstepd outlives slurmd by design: wait (at most 10 s) until no job is left, so no task keeps
    # writing into the folder removed below.
    for _ in $(seq 100); do
      [ -z "$(timeout 5 squeue -h 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
  # Whatever job step is still alive (a ballast task of this test) goes too.
  pkill -f "ballast sweep .*$tmp" 2>/dev/null
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  if [ "$status" -ne 0 ]; then
    echo "slurm-test: FAILED (status $status) after $((SECONDS - started)) s; the last lines of each log:" >&2
    for log in "$tmp"/log/*.log "$tmp"/study/slurm/logs/*.log; do
      [ -f "$log" ] && { echo "--- $log" >&2; tail -n 15 "$log" >&2; }
    done
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$tmp/log" "$tmp/state" "$tmp/spool" "$tmp/munge"

# munge: a fresh key, owned by munge, mode 400; munged in the foreground as the munge user.
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chown -R munge:munge "$tmp/munge"
chmod 711 "$tmp/munge"   # munged wants its socket folder searchable by all
chmod 400 "$tmp/munge/munge.key"
socket="$tmp/munge/munge.socket"
setpriv --reuid=munge --regid=munge --init-groups munged --foreground --key-file="$tmp/munge/munge.key" \
  --socket="$socket" --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/munged.seed" \
  --log-file="$tmp/munge/munged.log" >"$tmp/log/munged.log" 2>&1 &
pids+=($!)

# slurm.conf: one node as `slurmd -C` describes this machine, named as this host.
host="$(hostname -s)"
node="$(slurmd -C | head -n 1 | sed -E "s/^NodeName=[^ ]+/NodeName=$host/")"
port=$((16000 + RANDOM % 4000))
export SLURM_CONF="$tmp/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=ballast-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MailProg=/bin/true
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { echo "slurm-test: munged did not start" >&2; exit 1; }

slurmctld -D -i -f "$SLURM_CONF" >"$tmp/log/slurmctld-stdout.log" 2>&1 &
controller=$!
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$tmp/log/slurmd-stdout.log" 2>&1 &
pids+=($!)

echo "slurm-test: waiting for the node to be idle"
idle=""
for _ in $(seq 60); do
  state="$(timeout 5 sinfo --noheader --format=%t 2>/dev/null || true)"
  if [ "$state" = "idle" ]; then idle=yes; break; fi
  sleep 1
done
[ -n "$idle" ] || { echo "slurm-test: the node is not idle after 60 s (sinfo: '${state:-nothing}')" >&2; exit 1; }
echo "slurm-test: cluster up after $((SECONDS - started)) s"

study="$root/scripts/slurm/tiny-study.yaml"
out="$tmp/study"
"$bin" slurm "$study" --tasks 3 --cpus 1 --time 5 --out "$out"

# The commands ballast printed, with --wait: the array first, then the merge once every task succeeded.
bounded 240 sbatch --parsable --wait "$out/slurm/array.sbatch" >"$tmp/array.id"
array="$(cut -d';' -f1 "$tmp/array.id")"
echo "slurm-test: array job $array done after $((SECONDS - started)) s"
bounded 120 sbatch --wait --dependency="afterok:$array" "$out/slurm/merge.sbatch"
[ -f "$out/results.sqlite" ] || { echo "slurm-test: the merge job wrote no store" >&2; exit 1; }
logs=$(find "$out/slurm/logs" -name "shard-*-job-$array.log" | wc -l)
[ "$logs" -eq 3 ] || { echo "slurm-test: expected 3 task logs, found $logs" >&2; exit 1; }

# A lost task: the merge names it; the task re-run alone completes the study; merging again adds it.
rm -rf "$out/shards/shard-2"
if "$bin" merge "$out/shards" --out "$out" 2>"$tmp/missing.err"; then
  echo "slurm-test: a merge with shard 2 missing succeeded" >&2; exit 1
fi
grep -q "shards missing: 2" "$tmp/missing.err" || { cat "$tmp/missing.err" >&2; exit 1; }
bounded 120 sbatch --wait --array=2 "$out/slurm/array.sbatch" >/dev/null
bounded 120 sbatch --wait "$out/slurm/merge.sbatch" >/dev/null
"$bin" export "$out" >/dev/null

# An unknown partition passes through ballast (it is a safe name) and sbatch refuses it.
"$bin" slurm "$study" --tasks 2 --partition nosuch --out "$tmp/nosuch" >/dev/null
if bounded 30 sbatch "$tmp/nosuch/slurm/array.sbatch" 2>"$tmp/nosuch.err"; then
  echo "slurm-test: sbatch accepted partition nosuch" >&2; exit 1
fi
grep -qi "partition" "$tmp/nosuch.err" || { cat "$tmp/nosuch.err" >&2; exit 1; }
echo "slurm-test: sbatch refuses the unknown partition: $(head -n 1 "$tmp/nosuch.err")"

# The same study in one local process, with one and with two workers: the same bytes.
for workers in 1 2; do
  "$bin" sweep "$study" --out "$tmp/local-$workers" --workers "$workers" --quiet >/dev/null
  "$bin" export "$tmp/local-$workers" >/dev/null
  for file in estimates.csv replicates.csv differences.csv; do
    cmp "$tmp/local-$workers/$file" "$out/$file" || { echo "slurm-test: $file differs (--workers $workers)" >&2; exit 1; }
  done
done
echo "slurm-test: OK after $((SECONDS - started)) s: the merged SLURM study equals one local process" \
  "($(($(wc -l <"$out/replicates.csv") - 1)) replicates, 3 array tasks)"
