#!/usr/bin/env bash
# A private single-node Slurm (munge + slurmctld + slurmd on localhost, 2 CPUs) for the Slurm batch
# test, from Debian's slurmctld/slurmd/munge packages (cmake/setup.sh installs them).
#   slurm_fixture.sh start DIR   # writes DIR/slurm.conf, starts the daemons, waits until the node is idle
#   slurm_fixture.sh stop DIR    # stops the daemons this script started (by their pid files)
# Everything (config, keys, sockets, state, logs, pids) lives under DIR; system daemons are not touched.
# start exits 77 (ctest skips the test, with the reason on stderr) when Slurm cannot be brought up.
set -uo pipefail
mode=${1:?start|stop}
dir=$(mkdir -p "${2:?DIR}" && cd "$2" && pwd)
skip() { echo "SKIP: Slurm cannot start here: $*" >&2; "$0" stop "$dir" >/dev/null 2>&1; exit 77; }

stop() {
  for d in slurmd slurmctld munged; do
    [ -f "$dir/$d.pid" ] || continue
    pid=$(cat "$dir/$d.pid")
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    rm -f "$dir/$d.pid"
  done
}

if [ "$mode" = stop ]; then stop; exit 0; fi
[ "$mode" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

for tool in munged slurmctld slurmd sbatch scontrol squeue scancel; do
  command -v "$tool" >/dev/null || PATH=$PATH:/usr/sbin command -v "$tool" >/dev/null ||
    skip "'$tool' is not installed (apt-get install slurmctld slurmd slurm-client munge)"
done
export PATH=$PATH:/usr/sbin
[ "$(id -u)" -eq 0 ] || skip "slurmd must run as root (this is uid $(id -u))"
stop # leftovers of an earlier run

mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
chmod 700 "$dir/munge"
[ -f "$dir/munge/munge.key" ] || dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$dir/munge/munge.key"
munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
  --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed" ||
  skip "munged did not start ($(tail -n 2 "$dir/log/munged.log" 2>/dev/null))"

port=${ATOMLENS_SLURM_PORT:-16817}
cat > "$dir/slurm.conf" <<CONF
ClusterName=atomlens-test
SlurmctldHost=localhost
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
MinJobAge=600
KillWait=5
InactiveLimit=0
SlurmctldTimeout=30
SlurmdTimeout=30
MpiDefault=none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$dir/slurm.conf
slurmctld -f "$dir/slurm.conf" -c -i || skip "slurmctld did not start ($(tail -n 3 "$dir/log/slurmctld.log" 2>/dev/null))"
slurmd -f "$dir/slurm.conf" -N localhost -c || skip "slurmd did not start ($(tail -n 3 "$dir/log/slurmd.log" 2>/dev/null))"
for _ in $(seq 60); do
  state=$(sinfo -h -n localhost -o %T 2>/dev/null)
  case "$state" in idle*) echo "Slurm is up: $SLURM_CONF (node localhost, 2 CPUs)"; exit 0 ;; esac
  sleep 0.5
done
skip "the node did not become idle within 30 s (state '$state'; $(tail -n 3 "$dir/log/slurmd.log" 2>/dev/null))"
