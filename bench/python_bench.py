"""The Python module's overhead: numbers, never assertions (docs/python.md has them).

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py [--cli build/tools/hfc/hfc]

1. hfc.infer.hypotest on sbottom RegionA + sbottom_1300_205_60 from Python vs
   `hfc cls --patchset ... --point ...`: whole processes, each reading the
   workspace and PatchSet, compiling (machine code from hfc's disk cache for
   the CLI; in memory for Python) and testing. Then, in-process, the time of
   Workspace.model() and of the hypothesis test alone.
2. model.logpdf per call from Python vs `hfc bench`'s C++ per-call figure, on
   the same models: the binding's floor per call.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

import hfc

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
ref = os.path.join(root, "..", "shared", "reference")
sbottom = os.path.join(ref, "models", "sbottom_regionA")

parser = argparse.ArgumentParser()
parser.add_argument("--cli", default=os.path.join(root, "build", "tools", "hfc", "hfc"))
parser.add_argument("--repeat", type=int, default=5)
args = parser.parse_args()
env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(hfc.__file__)))


def wall(cmd, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


cli_cache = os.environ.get("HFC_CACHE_DIR") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.join(os.environ["HOME"], ".cache"), "hfc")
python_cls = """
import hfc
bkg = hfc.Workspace({bkg!r})
ws = hfc.PatchSet({ps!r}).apply(bkg, 'sbottom_1300_205_60')
model = ws.model(cache_dir={cache!r})
print(float(hfc.infer.hypotest(1.0, ws.data(model), model)))
"""
cli_cmd = [args.cli, "cls", os.path.join(sbottom, "BkgOnly.json"), "--patchset", os.path.join(sbottom, "patchset.json"),
           "--point", "sbottom_1300_205_60"]

def py_cmd(cache):
    code = python_cls.format(bkg=os.path.join(sbottom, "BkgOnly.json"), ps=os.path.join(sbottom, "patchset.json"),
                             cache=cache)
    return [sys.executable, "-c", code]


wall(cli_cmd, 1)  # warm the disk cache of machine code for the CLI
cli_best, cli_med = wall(cli_cmd, args.repeat)
py_best, py_med = wall(py_cmd(cli_cache), args.repeat)
nc_best, nc_med = wall(py_cmd(None), args.repeat)
print(f"hypotest sbottom A + 1300_205_60, whole process: CLI best {cli_best * 1e3:.0f} ms (median {cli_med * 1e3:.0f}); "
      f"Python with the CLI's disk cache best {py_best * 1e3:.0f} ms (median {py_med * 1e3:.0f}): "
      f"{100 * (py_best / cli_best - 1):+.1f}%; Python compiling in memory best {nc_best * 1e3:.0f} ms "
      f"(median {nc_med * 1e3:.0f})")

# In-process: the hypothesis test alone (a fresh model each time so no cached fit is reused).
bkg = hfc.Workspace(os.path.join(sbottom, "BkgOnly.json"))
ws = hfc.PatchSet(os.path.join(sbottom, "patchset.json")).apply(bkg, "sbottom_1300_205_60")
times, compile_times = [], []
for _ in range(args.repeat):
    t0 = time.perf_counter()
    model = ws.model()
    compile_times.append(time.perf_counter() - t0)
    data = ws.data(model)
    t0 = time.perf_counter()
    hfc.infer.hypotest(1.0, data, model)
    times.append(time.perf_counter() - t0)
print(f"  in-process: Workspace.model() {min(compile_times) * 1e3:.1f} ms, hypotest {min(times) * 1e3:.1f} ms "
      f"(median {statistics.median(times) * 1e3:.1f})")

# logpdf per call.
models = [("2-bin_1-channel", os.path.join(ref, "models", "2-bin_1-channel.json")),
          ("sbottom_regionA", os.path.join(sbottom, "BkgOnly.json")),
          ("directstaus_lowMass_bkg", os.path.join(ref, "models", "directstaus_lowMass_bkg.json"))]
for name, path in models:
    ws = hfc.Workspace(path)
    model = ws.model()
    data = ws.data(model)
    pars = model.config.suggested_init()
    n = 20000
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _ in range(n):
            model.logpdf(pars, data)
        best = min(best, (time.perf_counter() - t0) / n)
    best_grad = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _ in range(n // 4):
            model.logpdf_grad(pars, data)
        best_grad = min(best_grad, (time.perf_counter() - t0) / (n // 4))
    bench = subprocess.run([args.cli, "bench", path], capture_output=True, text=True, env=env)
    print(f"logpdf per call, {name}: Python {best * 1e6:.2f} µs, logpdf_grad {best_grad * 1e6:.2f} µs; "
          f"hfc bench (C++): {bench.stdout.strip().replace(chr(10), '; ')}")
