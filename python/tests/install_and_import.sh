#!/usr/bin/env bash
# `cmake --install` into a scratch prefix, then `import hfc` from there only
# (not the build tree): the package, its _core module and libhfc.so through
# the module's RPATH. Its logpdf on pyhf's 2-bin example equals pyhf's
# (reference/expected/2-bin_1-channel.json, 1e-9 relative) and the installed
# hfc eval's to the last digit.
#   install_and_import.sh BUILD_DIR PYTHON REFERENCE_DIR PACKAGE_DIR(relative to the prefix)
set -euo pipefail
build=$1 python=$2 reference=$3 pkgdir=$4
work="$build/python/install_tree"
rm -rf "$work" && mkdir -p "$work"
prefix="$work/prefix"
export HFC_CACHE_DIR="$work/cache"
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in "$pkgdir/hfc/__init__.py" "$pkgdir/hfc/infer/mle.py" "$pkgdir/hfc/infer/intervals/upper_limits.py"; do
  [ -e "$prefix/$f" ] || { echo "FAIL: not installed: $f"; exit 1; }
done
ls "$prefix/$pkgdir"/hfc/_core*.so >/dev/null
"$prefix/bin/hfc" eval "$reference/models/2-bin_1-channel.json" > "$work/eval.json"
cd "$work"   # away from the source and build trees
PYTHONPATH="$prefix/$pkgdir" "$python" - "$prefix" "$reference" "$work/eval.json" <<'PY'
import json, os, sys
import hfc
prefix, reference, cli = sys.argv[1:]
assert os.path.realpath(hfc.__file__).startswith(os.path.realpath(prefix)), hfc.__file__
ws = hfc.Workspace(os.path.join(reference, "models", "2-bin_1-channel.json"))
model = ws.model()
value = model.logpdf(model.config.suggested_init(), ws.data(model))[0]
expected = json.load(open(os.path.join(reference, "expected", "2-bin_1-channel.json")))
pyhf = expected["interp_code4_code4p"]["logpdf_points"][0]
assert all(v == 1.0 for v in pyhf["pars"].values())  # the point at the inits
assert abs(value - pyhf["logpdf"]) <= 1e-9 * abs(pyhf["logpdf"]), (value, pyhf["logpdf"])
cli = json.load(open(cli))["logpdf"]
assert abs(value - cli) <= 1e-12 * abs(cli), (value, cli)
print("installed hfc: logpdf", value, "from", os.path.dirname(hfc.__file__))
PY
