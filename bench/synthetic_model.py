#!/usr/bin/env python3
"""Synthetic HistFactory workspaces for compile-time scaling (issue 15, part 4).

    bench/synthetic_model.py CHANNELS [--bins 10] [--samples 5] [--histosys 8]
                             [--normsys 4] [--seed 1] > model.json

Each channel has `bins` bins and `samples` background samples plus a signal
sample (normfactor mu); every background sample has `histosys` histosys and
`normsys` normsys modifiers (shared by name across channels, as systematics
are) and a staterror, and the observations are the nominal sum rounded, so
fits converge near the inits. Deterministic for a seed. Standard library only.
"""
import argparse
import json
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("channels", type=int)
    ap.add_argument("--bins", type=int, default=10)
    ap.add_argument("--samples", type=int, default=5)
    ap.add_argument("--histosys", type=int, default=8)
    ap.add_argument("--normsys", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    channels, observations = [], []
    for c in range(a.channels):
        name = f"ch{c:04d}"
        samples, total = [], [0.0] * a.bins
        for s in range(a.samples):
            nominal = [rng.uniform(5, 50) for _ in range(a.bins)]
            mods = [{"name": f"staterror_{name}", "type": "staterror",
                     "data": [0.05 * x for x in nominal]}]
            for h in range(a.histosys):
                up = [x * (1 + rng.uniform(0.01, 0.1)) for x in nominal]
                down = [x * (1 - rng.uniform(0.01, 0.1)) for x in nominal]
                mods.append({"name": f"hsys{h}", "type": "histosys", "data": {"hi_data": up, "lo_data": down}})
            for n in range(a.normsys):
                mods.append({"name": f"nsys{n}", "type": "normsys",
                             "data": {"hi": 1 + rng.uniform(0.02, 0.1), "lo": 1 - rng.uniform(0.02, 0.1)}})
            samples.append({"name": f"bkg{s}", "data": nominal, "modifiers": mods})
            total = [t + x for t, x in zip(total, nominal)]
        signal = [rng.uniform(0.5, 5) for _ in range(a.bins)]
        samples.append({"name": "signal", "data": signal,
                        "modifiers": [{"name": "mu", "type": "normfactor", "data": None}]})
        channels.append({"name": name, "samples": samples})
        observations.append({"name": name, "data": [float(round(t)) for t in total]})
    ws = {"channels": channels, "observations": observations,
          "measurements": [{"name": "meas", "config": {"poi": "mu", "parameters": []}}],
          "version": "1.0.0"}
    json.dump(ws, __import__("sys").stdout)


if __name__ == "__main__":
    main()
