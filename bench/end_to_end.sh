#!/usr/bin/env bash
# Whole-process timings of the hfc command line on the reference models
# (process start -> JSON out, JIT included), for docs/performance.md.
# Usage: bench/end_to_end.sh [path/to/hfc]
set -euo pipefail
cd "$(dirname "$0")/.."
HFC=${1:-build/tools/hfc/hfc}
R=../shared/reference/models
SB=$R/sbottom_regionA

seconds() { # the best of 3 wall times of a command, in seconds
  local best=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    best=$(python3 -c "t=$t1-$t0; b='$best'; print(t if not b else min(t, float(b)))")
  done
  echo "$best"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
# Cold: no disk cache of machine code, every process compiles. The warm
# figures below use a cache directory of their own.
export HFC_CACHE_DIR=
WARM=$(mktemp -d)
trap 'rm -rf "$WARM"' EXIT
echo "hfc cls, sbottom RegionA + patch.sbottom_1300_205_60: $(seconds "$HFC" cls "$SB/BkgOnly.json" -p "$SB/patch.sbottom_1300_205_60.json") s"
echo "hfc limit, same model:                              $(seconds "$HFC" limit "$SB/BkgOnly.json" -p "$SB/patch.sbottom_1300_205_60.json") s"
echo "hfc fit, directstaus_lowMass_bkg:                    $(seconds "$HFC" fit "$R/directstaus_lowMass_bkg.json") s"

# Every point of the sbottom PatchSet, one process per point.
points=$(python3 -c "import json; print(' '.join(p['metadata']['name'] for p in json.load(open('$SB/patchset.json'))['patches']))")
n=$(echo $points | wc -w)
per_point() { # seconds per point of `hfc cls` over every point, with HFC_CACHE_DIR=$1
  local t0 t1
  t0=$(date +%s.%N)
  for p in $points; do
    HFC_CACHE_DIR=$1 "$HFC" cls "$SB/BkgOnly.json" --patchset "$SB/patchset.json" --point "$p" >/dev/null
  done
  t1=$(date +%s.%N)
  python3 -c "print(round(($t1-$t0)/$n, 3))"
}
echo "hfc cls over the $n sbottom PatchSet points: $(per_point "") s per point"

# Warm: the same with the disk cache filled by a first run.
HFC_CACHE_DIR=$WARM "$HFC" cls "$SB/BkgOnly.json" -p "$SB/patch.sbottom_1300_205_60.json" >/dev/null
echo "hfc cls, same model, warm disk cache:                $(HFC_CACHE_DIR=$WARM seconds "$HFC" cls "$SB/BkgOnly.json" -p "$SB/patch.sbottom_1300_205_60.json") s"
echo "hfc cls over the $n points, first pass filling the cache: $(per_point "$WARM") s per point"
echo "hfc cls over the $n points, warm disk cache:         $(per_point "$WARM") s per point"
