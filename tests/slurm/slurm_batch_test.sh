#!/usr/bin/env bash
# Slurm batch test (issue 17), against a real single-node Slurm (slurm_fixture.sh): 20 images as a 4-task
# job array with one task cancelled (scancel) before it starts, a resubmission that redoes only that
# task's items, and the merged tables compared with a local `batch` run. Also: --dry-run prints the
# scripts with the passthrough options, a missing partition and an unreachable controller are reported
# per item.
# Exits 77 (ctest: skipped, reason printed) when Slurm cannot be started here.
#   slurm_batch_test.sh ATOMLENS_CLI SOURCE_DIR FIXTURE_DIR
set -uo pipefail
cli=$(realpath "${1:?ATOMLENS_CLI}") src=$(realpath "${2:?SOURCE_DIR}") fixture=$(realpath -m "${3:?FIXTURE_DIR}")
here=$(cd "$(dirname "$0")" && pwd)
# A port per build folder, so that two checkouts can run the test at the same time.
export ATOMLENS_SLURM_PORT=${ATOMLENS_SLURM_PORT:-$((20000 + $(printf '%s' "$fixture" | cksum | cut -d' ' -f1) % 10000 * 2))}
bash "$here/slurm_fixture.sh" start "$fixture"
rc=$?
[ $rc = 77 ] && exit 77
[ $rc = 0 ] || { echo "FAIL: the Slurm fixture failed ($rc)"; exit 1; }
export SLURM_CONF=$fixture/slurm.conf PATH=$PATH:/usr/sbin
work=$(mktemp -d /tmp/atomlens-slurm.XXXXXX)
cleanup() { set +e; trap - ERR; [ -n "${stopped:-}" ] || scancel --quiet -u "$(id -un)" 2> /dev/null; bash "$here/slurm_fixture.sh" stop "$fixture"; rm -rf "$work"; }
trap cleanup EXIT
set -e
trap 'echo "FAIL: line $LINENO: $BASH_COMMAND"' ERR
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
chain=$src/resources/chains/perovskite.yaml

start=$SECONDS
echo "--> [$((SECONDS - start)) s] 20 simulated perovskite images"
mkdir images truth
seq -w 1 20 | xargs -P 4 -I{} "$cli" simulate --preset perovskite --size 96 --seed {} -o images/img{}.tif \
  --truth truth/img{}.csv 2> /dev/null
[ "$(ls images | wc -l)" = 20 ] || fail "simulate wrote $(ls images | wc -l) of 20 images"

echo "--> [$((SECONDS - start)) s] local reference: atomlens-cli batch"
"$cli" batch images --chain "$chain" -o local

echo "--> [$((SECONDS - start)) s] --dry-run prints the scripts with the passthrough options and submits nothing"
"$cli" batch images --chain "$chain" -o slurm --slurm --array-size 4 --partition debug --time 00:10:00 \
  --cpus-per-task 1 --gres gpu:1 --dry-run > dry.txt
for want in "#SBATCH --array=0-3" "#SBATCH --partition=debug" "#SBATCH --time=00:10:00" \
  "#SBATCH --cpus-per-task=1" "#SBATCH --gres=gpu:1" "--slurm-task" "--slurm-merge" "afterok"; do
  grep -q -- "$want" dry.txt || fail "dry run lacks '$want'"
done
[ ! -e slurm ] || fail "--dry-run wrote $work/slurm"

echo "--> [$((SECONDS - start)) s] a missing partition is reported for every item"
if "$cli" batch images --chain "$chain" -o badpart --slurm --partition no-such-partition 2> badpart.log; then
  fail "sbatch with a missing partition succeeded"
fi
cat badpart.log
grep -qi "partition" badpart.log || fail "the error does not name the partition problem"
[ "$(grep -c 'not submitted to Slurm' badpart/batch.csv)" = 20 ] || fail "batch.csv does not list all 20 items as not submitted"

echo "--> [$((SECONDS - start)) s] submission 1: 4 tasks, held; task 2 cancelled before it starts, the rest released"
read -r array merge < <("$cli" batch images --chain "$chain" -o slurm --slurm --array-size 4 --cpus-per-task 1 \
  --sbatch-arg=--hold)
echo "array job $array, merge job $merge"
scancel "${array}_2"
scontrol release "$array"
for _ in $(seq 720); do
  [ -z "$(squeue -h -j "$array,$merge" 2> /dev/null)" ] && break
  sleep 0.5
done
[ -z "$(squeue -h -j "$array,$merge")" ] || fail "jobs still queued after 360 s: $(squeue -h -j "$array,$merge")"
done1=$(ls slurm/*/done.json | wc -l)
[ "$done1" = 15 ] || fail "expected 15 items done after cancelling 1 of 4 tasks, found $done1"
[ ! -e slurm/merged_atoms.csv ] || fail "the merge job ran although a task was cancelled (afterok)"
for f in slurm/*/done.json; do stat -c '%n %Y.%y' "$f"; done > stamps-before.txt

echo "--> [$((SECONDS - start)) s] submission 2: only the 5 unfinished items, then the merge (--wait)"
"$cli" batch images --chain "$chain" -o slurm --slurm --array-size 4 --cpus-per-task 1 --wait 2> resubmit.log ||
  { cat resubmit.log; fail "resubmission failed"; }
cat resubmit.log
[ "$(grep -c "not run: Slurm job ${array}_2" resubmit.log)" = 5 ] || fail "the 5 items of ${array}_2 were not reported with its job id"
grep -q "submitted 5 of 20 items" resubmit.log || fail "the resubmission did not submit exactly the 5 unfinished items"
for f in slurm/*/done.json; do stat -c '%n %Y.%y' "$f"; done > stamps-after.txt
[ "$(comm -12 <(sort stamps-before.txt) <(sort stamps-after.txt) | wc -l)" = 15 ] ||
  fail "items finished in submission 1 were redone"
[ "$(ls slurm/*/done.json | wc -l)" = 20 ] || fail "not all 20 items are done"

echo "--> [$((SECONDS - start)) s] merged tables equal the local run"
cmp local/merged_atoms.csv slurm/merged_atoms.csv || fail "merged_atoms.csv differs from the local batch run"
cut -d, -f1-5 local/batch.csv > local-batch.txt
cut -d, -f1-5 slurm/batch.csv > slurm-batch.txt
diff local-batch.txt slurm-batch.txt || fail "batch.csv (item,source,frame,status,atoms) differs"
echo "merged_atoms.csv: $(($(wc -l < slurm/merged_atoms.csv) - 1)) atoms of 20 items, identical to the local run"
echo "($((SECONDS - start)) s)"

echo "--> [$((SECONDS - start)) s] an unreachable controller is reported for every item"
bash "$here/slurm_fixture.sh" stop "$fixture"
stopped=1
if "$cli" batch images --chain "$chain" -o down --slurm 2> down.log; then fail "sbatch without a controller succeeded"; fi
cat down.log
grep -qi "contact slurm controller" down.log || fail "the error does not say the controller is unreachable"
[ "$(grep -c 'not submitted to Slurm' down/batch.csv)" = 20 ] || fail "batch.csv does not list all 20 items as not submitted"
echo "($((SECONDS - start)) s)"
