#!/usr/bin/env bash
# Installs hfc into a scratch prefix, then builds examples/api as an outside
# project would — with find_package(hfc) and with pkg-config — and checks that
# both programs print the CLs and limit that the installed `hfc` prints for
# the same model (the reference copy of pyhf's 2-bin example).
#   install_and_consume.sh BUILD_DIR SOURCE_DIR REFERENCE_DIR
set -euo pipefail
build=$1 source=$2 reference=$3
work="$build/tests/install_tree"
rm -rf "$work" && mkdir -p "$work"
prefix="$work/prefix"
export HFC_CACHE_DIR="$work/cache"   # not the user's ~/.cache

cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/hfc include/hf/hfc.h include/hf/model.h include/hf/builder.h include/hf/error.h \
         lib/cmake/hfc/hfcConfig.cmake lib/cmake/hfc/hfcTargets.cmake lib/pkgconfig/hfc.pc; do
  [ -e "$prefix/$f" ] || { echo "FAIL: not installed: $f"; exit 1; }
done
ls "$prefix"/lib/libhfc.so* >/dev/null

# 1. CMake: find_package(hfc) from the install prefix only.
cmake -S "$source/examples/api" -B "$work/cmake-build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
"$work/cmake-build/cls_two_bin" > "$work/cmake.out"

# 2. pkg-config.
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" g++ "$source/examples/api/cls_two_bin.cpp" \
  $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs hfc) -o "$work/cls_two_bin_pc"
"$work/cls_two_bin_pc" > "$work/pkgconfig.out"

# 3. The installed command line on the same model.
model="$reference/models/2-bin_1-channel.json"
"$prefix/bin/hfc" cls "$model" > "$work/cls.json"
"$prefix/bin/hfc" limit "$model" > "$work/limit.json"

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
cls = json.load(open(f"{work}/cls.json"))
limit = json.load(open(f"{work}/limit.json"))
for out in ("cmake.out", "pkgconfig.out"):
    lines = dict(l.split(" ", 1) for l in open(f"{work}/{out}").read().splitlines() if not l.startswith("best"))
    got = {"CLs_obs": float(lines["CLs_obs"]), "CLs_exp": [float(x) for x in lines["CLs_exp"].split()],
           "limit_obs": float(lines["limit_obs"])}
    want = {"CLs_obs": cls["CLs_obs"], "CLs_exp": cls["CLs_exp"], "limit_obs": limit["obs"]}
    for key in want:
        a, b = got[key], want[key]
        a, b = (a, b) if isinstance(a, list) else ([a], [b])
        for x, y in zip(a, b, strict=True):
            if abs(x - y) > 1e-12 * max(1.0, abs(y)):
                sys.exit(f"FAIL: {out}: {key} = {a}, the installed hfc says {b}")
    print(f"{out}: CLs_obs {got['CLs_obs']:.12g}, limit {got['limit_obs']:.12g}: equal to the installed hfc")
PY
