#!/usr/bin/env bash
# A single-node SLURM cluster on localhost, for the tests of sweeps on SLURM (Debian's slurmctld, slurmd and munge,
# SLURM 22.05). Run as root.
#
#   environment/slurm-local.sh start    writes a configuration and state under $CREDITLAB_SLURM_STATE
#                                       (default /tmp/creditlab-slurm), starts munged, slurmctld and slurmd, and waits
#                                       until the node takes jobs
#   environment/slurm-local.sh stop     stops the three daemons it started
#   environment/slurm-local.sh status   prints sinfo's view
#
# The configuration is the smallest that runs job arrays without cgroups: proctrack/linuxproc, task/none, no job
# accounting, cons_tres with CR_Core, and one node line with this machine's host name and CPU count. No cgroup.conf:
# SLURM 22.05 rejects CgroupPlugin=disabled. SLURM_CONF points the client commands (sbatch, squeue) at it, so the
# system's own /etc/slurm is left alone; a command that runs sbatch needs SLURM_CONF exported (`eval "$(... env)"`).
set -euo pipefail

state="${CREDITLAB_SLURM_STATE:-/tmp/creditlab-slurm}"
conf="$state/slurm.conf"

fail() { echo "slurm-local: $*" >&2; exit 1; }

write_config() {
  local host cpus memory
  host="$(hostname -s)"
  cpus="$(nproc)"
  memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 )) # MB, less 1 GB for the system
  mkdir -p "$state/ctld" "$state/d" "$state/log" "$state/munge"
  cat >"$conf" <<EOF
ClusterName=creditlab-local
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CryptoType=crypto/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/backfill
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmdSpoolDir=$state/d
StateSaveLocation=$state/ctld
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
MaxArraySize=10001
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

start_munge() {
  if pgrep -x munged >/dev/null; then
    return
  fi
  [ -s /etc/munge/munge.key ] || { /usr/sbin/mungekey --create --force 2>/dev/null || dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; }
  chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge
  su -s /bin/sh munge -c /usr/sbin/munged || fail "munged did not start; see /var/log/munge/munged.log"
}

start() {
  [ "$(id -u)" -eq 0 ] || fail "run as root (the daemons need it)"
  command -v slurmctld >/dev/null || fail "slurmctld is not installed: apt-get install slurmctld slurmd munge slurm-client"
  write_config
  start_munge
  export SLURM_CONF="$conf"
  pgrep -f "slurmctld -f $conf" >/dev/null || /usr/sbin/slurmctld -f "$conf"
  pgrep -f "slurmd -f $conf" >/dev/null || /usr/sbin/slurmd -f "$conf"
  for _ in $(seq 1 60); do
    if sinfo -h -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)'; then
      echo "slurm-local: up (SLURM_CONF=$conf)"
      return
    fi
    sleep 1
  done
  scontrol update nodename="$(hostname -s)" state=resume 2>/dev/null || true
  sinfo -h -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)' && { echo "slurm-local: up (SLURM_CONF=$conf)"; return; }
  fail "the node did not become idle in 60 s; see $state/log/slurmctld.log and $state/log/slurmd.log"
}

stop() {
  for d in slurmd slurmctld; do
    [ -f "$state/$d.pid" ] && kill "$(cat "$state/$d.pid")" 2>/dev/null || true
  done
  sleep 1
  pkill -f "slurmd -f $conf" 2>/dev/null || true
  pkill -f "slurmctld -f $conf" 2>/dev/null || true
  echo "slurm-local: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) SLURM_CONF="$conf" sinfo ;;
  env) echo "export SLURM_CONF=$conf" ;;
  *) fail "usage: $0 start|stop|status|env" ;;
esac
