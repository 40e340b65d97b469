#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for trying the job-array recipe of docs/ask-tell.md
# (scripts/slurm-round.sh) against a real scheduler: munged, slurmctld and slurmd from Debian's
# slurm-wlm, one node (this host) with the CPUs given, one partition.
#
#   bash scripts/setup.sh --slurm              # installs slurm-wlm and munge (Debian/Ubuntu)
#   scripts/slurm-local.sh start               # idempotent: leaves running daemons alone
#   export SLURM_CONF=/var/tmp/agnet-slurm/slurm.conf   # what `start` prints; sbatch, squeue, ... read it
#   scripts/slurm-local.sh status
#   scripts/slurm-local.sh stop                # stops the daemons this script started
#
# Runs as root (slurmd must be root to start jobs as their user; munged runs as user munge).
# Everything the cluster writes (configuration, state, spool, logs, pid files) lives in
# SLURM_LOCAL_DIR (default /var/tmp/agnet-slurm); /etc/slurm is not touched, so clients need
# SLURM_CONF. Environment: SLURM_LOCAL_DIR, SLURM_LOCAL_CPUS (default 2), SLURM_LOCAL_PORT
# (slurmctld's port, default 6817; slurmd uses the next one).
set -euo pipefail
DIR=${SLURM_LOCAL_DIR:-/var/tmp/agnet-slurm}
CPUS=${SLURM_LOCAL_CPUS:-2}
PORT=${SLURM_LOCAL_PORT:-6817}
CONF=$DIR/slurm.conf
NODE=$(hostname -s)
export SLURM_CONF=$CONF

die() { echo "slurm-local: $*" >&2; exit 1; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

write_config() {
  mkdir -p "$DIR/state" "$DIR/spool"
  # select/cons_tres with CR_Core lets the array's tasks share the node one CPU each;
  # proctrack/linuxproc and task/none need no cgroups (containers, CI runners).
  cat > "$CONF.new" <<EOF
# Written by scripts/slurm-local.sh: a one-node cluster on $NODE.
ClusterName=agnet-local
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SlurmdTimeout=300
InactiveLimit=0
KillWait=10
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=local Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$CONF.new" "$CONF"
}

start_munge() {
  if munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then return; fi  # a munged already answers
  [ -f /etc/munge/munge.key ] || die "/etc/munge/munge.key is missing (reinstall munge, or run mungekey as root)"
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
  runuser -u munge -- /usr/sbin/munged
  touch "$DIR/munged.ours"
  for _ in $(seq 50); do
    munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && return
    sleep 0.1
  done
  die "munged did not come up (see /var/log/munge/munged.log)"
}

start() {
  [ "$(id -u)" = 0 ] || die "run as root (slurmd starts jobs as their user)"
  for tool in munged slurmctld slurmd sbatch; do
    command -v "$tool" >/dev/null || die "$tool is not installed: bash scripts/setup.sh --slurm"
  done
  mkdir -p "$DIR"
  alive "$DIR/slurmctld.pid" || alive "$DIR/slurmd.pid" || write_config
  start_munge
  alive "$DIR/slurmctld.pid" || /usr/sbin/slurmctld -f "$CONF"
  alive "$DIR/slurmd.pid" || /usr/sbin/slurmd -f "$CONF"
  for _ in $(seq 100); do
    state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null || true)
    case $state in
      idle*|mixed*|allocated*) break ;;
      down*|drain*) scontrol update NodeName="$NODE" State=RESUME 2>/dev/null || true ;;
    esac
    sleep 0.2
  done
  case ${state:-} in
    idle*|mixed*|allocated*) ;;
    *) die "node $NODE is '${state:-unknown}' after 20 s (see $DIR/slurmctld.log and $DIR/slurmd.log)" ;;
  esac
  echo "slurm-local: node $NODE ($CPUS CPUs) is $state in partition local. Clients need: export SLURM_CONF=$CONF"
}

stop() {
  for daemon in slurmd slurmctld; do
    if alive "$DIR/$daemon.pid"; then
      pid=$(cat "$DIR/$daemon.pid")
      kill "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && die "$daemon (pid $pid) did not stop"
    fi
    rm -f "$DIR/$daemon.pid"
  done
  if [ -f "$DIR/munged.ours" ]; then
    if [ -f /run/munge/munged.pid ] && kill -0 "$(cat /run/munge/munged.pid)" 2>/dev/null; then
      kill "$(cat /run/munge/munged.pid)"
    fi
    rm -f "$DIR/munged.ours"
  fi
  echo "slurm-local: stopped (state, logs and configuration stay in $DIR)"
}

status() {
  for daemon in slurmctld slurmd; do
    if alive "$DIR/$daemon.pid"; then echo "$daemon: running (pid $(cat "$DIR/$daemon.pid"))"; else echo "$daemon: stopped"; fi
  done
  if alive "$DIR/slurmctld.pid"; then sinfo; squeue; fi
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/slurm-local.sh start|stop|status" >&2; exit 64 ;;
esac
