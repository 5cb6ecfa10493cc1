#!/usr/bin/env bash
# The whole sbottom HEPData record (3 regions, 650 signal points):
# `hfc cls --patchset REGION --all-points` over every region, cold (an empty
# disk cache of machine code) and warm (the cache the cold run filled), and
# with 2 MPI ranks when hfc was built with MPI. The PatchSets are built from
# the record's archive by bench/sbottom_record.py (--no-verify: Python and
# hfc print some floats differently, so the digest it writes may not match).
# One command:
#   bench/record.sh [path/to/hfc]
set -euo pipefail
cd "$(dirname "$0")/.."
HFC=${1:-build/tools/hfc/hfc}
ARCHIVE=../shared/reference/models/sbottom-ins1748602-hepdata-record.tar.gz
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 bench/sbottom_record.py "$ARCHIVE" "$WORK/record"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

run_record() { # run_record LABEL CACHE_DIR [launcher...]: all 3 regions, wall seconds
  local label=$1 cache=$2
  shift 2
  local t0 t1 points=0 reused=0 compiled=0 disk=0
  t0=$(date +%s.%N)
  for region in RegionA RegionB RegionC; do
    HFC_CACHE_DIR=$cache "$@" "$HFC" cls "$WORK/record/$region/BkgOnly.json" \
      --patchset "$WORK/record/$region/patchset.json" --no-verify --all-points >"$WORK/$region.jsonl" 2>"$WORK/$region.err" || true
  done
  t1=$(date +%s.%N)
  points=$(cat "$WORK"/Region*.jsonl | wc -l)
  compiled=$(cat "$WORK"/Region*.err | grep -c ', compiled$' || true)
  reused=$(cat "$WORK"/Region*.err | grep -c 'machine code reused' || true)
  disk=$(cat "$WORK"/Region*.err | grep -c 'from the disk cache' || true)
  failed=$(cat "$WORK"/Region*.jsonl | grep -c '"error"' || true)
  python3 -c "print(f'$label: {$t1-$t0:.2f} s for $points points ({($t1-$t0)/max($points,1)*1000:.1f} ms/point): $compiled compiled, $reused reused, $disk from the disk cache, $failed failed')"
}

CACHE=$WORK/cache
mkdir -p "$CACHE"
run_record "cold (empty disk cache)" "$CACHE"
run_record "warm (disk cache filled)" "$CACHE"
run_record "no disk cache at all" ""
if "$HFC" --help >/dev/null 2>&1 && command -v mpirun >/dev/null; then
  run_record "2 MPI ranks, warm" "$CACHE" mpirun --allow-run-as-root --oversubscribe -n 2
fi
