#!/usr/bin/env bash
# mpi_equal.sh HFC REFERENCE_DIR: `mpirun -n 2 hfc ...` prints what one
# process prints, byte for byte, for the three things MPI shards
# (tools/hfc/mpi_session.h): the points of a PatchSet (cls and limit
# --all-points), toys (same seeds on every rank) and ranking's parameters.
set -euo pipefail
HFC=$1
REF=$2
SB=$REF/models/sbottom_regionA
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HFC_CACHE_DIR=
MPIRUN=(mpirun --allow-run-as-root --oversubscribe -n 2)

same() { # same NAME ARGS...: one process vs two ranks
  local name=$1
  shift
  "$HFC" "$@" >"$TMP/$name.one" 2>"$TMP/$name.one.err"
  "${MPIRUN[@]}" "$HFC" "$@" >"$TMP/$name.two" 2>"$TMP/$name.two.err"
  if ! cmp -s "$TMP/$name.one" "$TMP/$name.two"; then
    echo "FAIL: $name: two ranks differ from one process"
    diff "$TMP/$name.one" "$TMP/$name.two" | head -20
    cat "$TMP/$name.two.err" | head -20
    exit 1
  fi
  if [ ! -s "$TMP/$name.one" ]; then
    echo "FAIL: $name: no output"
    cat "$TMP/$name.one.err"
    exit 1
  fi
  echo "ok: $name ($(wc -l <"$TMP/$name.one") lines equal)"
}

same cls-all-points cls "$SB/BkgOnly.json" --patchset "$SB/patchset.json" --all-points
# The limit of 3 of the 24 points is above the POI's bound: both runs fail alike.
set +e
"$HFC" limit "$SB/BkgOnly.json" --patchset "$SB/patchset.json" --all-points >"$TMP/limit.one" 2>/dev/null
one=$?
"${MPIRUN[@]}" "$HFC" limit "$SB/BkgOnly.json" --patchset "$SB/patchset.json" --all-points >"$TMP/limit.two" 2>/dev/null
two=$?
set -e
if ! cmp -s "$TMP/limit.one" "$TMP/limit.two" || [ "$one" = 0 ] || [ "$two" != "$one" ]; then
  echo "FAIL: limit --all-points: exit $one vs $two, or the lines differ"
  diff "$TMP/limit.one" "$TMP/limit.two" | head
  exit 1
fi
echo "ok: limit-all-points ($(wc -l <"$TMP/limit.one") lines equal, both failed for the 3 out-of-range points)"
same toys cls "$REF/models/2-bin_1-channel.json" --calctype toybased --ntoys 300 --seed 11
same ranking ranking "$REF/models/2-bin_1-channel.json"
