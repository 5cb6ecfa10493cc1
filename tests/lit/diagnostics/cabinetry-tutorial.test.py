# cabinetry-tutorial.test.py HFC DIR: runs hfc on DIR/workspace.json and
# compares with DIR/inference.json (cabinetry 0.6.0's numbers).
import json
import re
import subprocess
import sys

hfc, folder = sys.argv[1], sys.argv[2]
ws = folder + "/workspace.json"
ref = json.load(open(folder + "/inference.json"))
run = lambda *args: subprocess.run([hfc, *args], check=True, capture_output=True, text=True).stdout


def close(a, b, rel):
    return abs(a - b) <= rel * max(abs(b), 1e-8)


fit = json.loads(run("fit", ws, "--minos", "Signal_norm", "--goodness-of-fit"))
if fit["twice_nll"] > ref["fit"]["best_twice_nll"] + 1e-6:
    sys.exit(f"twice_nll {fit['twice_nll']} above cabinetry's {ref['fit']['best_twice_nll']}")
print("fit: twice_nll not above cabinetry's")
for k, name in enumerate(ref["fit"]["labels"]):
    value, error = fit["mle_parameters"][name]
    # MINUIT stops within its EDM goal (2e-4), i.e. ~0.02σ from the minimum.
    if abs(value - ref["fit"]["bestfit"][k]) > 0.02 * ref["fit"]["uncertainty"][k]:
        sys.exit(f"{name}: {value} vs {ref['fit']['bestfit'][k]}")
    # MINUIT's HESSE is finite differences: 5e-4 (tests/diagnostics/cabinetry_inference_test.cpp).
    if not close(error, ref["fit"]["uncertainty"][k], 5e-4):
        sys.exit(f"{name}: ± {error} vs {ref['fit']['uncertainty'][k]}")
print(f"fit: {len(ref['fit']['labels'])} parameters within 0.02 sigma, uncertainties within 5e-4")
lo, hi = fit["minos_uncertainty"]["Signal_norm"]
rlo, rhi = ref["fit"]["minos_uncertainty"]["Signal_norm"]
if not (close(lo, rlo, 5e-4) and close(hi, rhi, 5e-4)):
    sys.exit(f"minos [{lo}, {hi}] vs [{rlo}, {rhi}]")
# MINUIT's crossings are as precise as its fits: at cabinetry's endpoints
# hfc's profile Δ(−2lnL) is 1 to within MINUIT's EDM goal (2e-4).
poi = ref["fit"]["labels"].index("Signal_norm")
mu_hat = ref["fit"]["bestfit"][poi]
scan = json.loads(run("scan", ws, "--poi-range", f"{mu_hat + rlo!r}:{mu_hat + rhi!r}:2"))
for delta in scan["delta_twice_nll"]:
    if abs(delta - 1) > 2e-4:
        sys.exit(f"profile at cabinetry's MINOS endpoint: delta_twice_nll {delta}")
print(f"minos Signal_norm: [{lo:.4f}, {hi:+.4f}] within 5e-4; cabinetry's endpoints at delta 1 within 2e-4")
gof = fit["goodness_of_fit"]
if not close(gof["p_value"], ref["fit"]["goodness_of_fit"], 1e-4):
    sys.exit(f"goodness of fit {gof['p_value']} vs {ref['fit']['goodness_of_fit']}")
print(f"goodness of fit: p within 1e-4 of cabinetry's {ref['fit']['goodness_of_fit']:.6f}, ndof {gof['ndof']}")

for stage, flag in (("pre-fit", []), ("post-fit", ["--postfit"])):
    key = "prefit" if stage == "pre-fit" else "postfit"
    for table, option in (("per_bin", "--per-bin"), ("per_channel", "--per-channel")):
        name = f"yields_{table}_{stage}.txt"
        text = run("yields", ws, option, *flag)
        theirs = ref["tables"][key]["saved_simple"][name]
        if stage == "pre-fit":
            if text != theirs:
                sys.exit(f"{name} differs:\n{text}")
            print(f"{name}: equal byte for byte")
            continue
        # Post-fit from hfc's own fit: the same table, each number within
        # 5e-4 (MINUIT's HESSE) or one unit of its last printed digit.
        number = re.compile(r"-?\d+\.\d+")
        if number.sub("#", text) != number.sub("#", theirs):
            sys.exit(f"{name}: layout differs:\n{text}")
        for a, b in zip(number.findall(text), number.findall(theirs)):
            if abs(float(a) - float(b)) > max(5e-4 * abs(float(b)), 0.01 + 1e-9):
                sys.exit(f"{name}: {a} vs {b}:\n{text}")
        print(f"{name}: same layout, numbers within 5e-4 or 0.01")

for stage, flag, rel in (("pre-fit", [], 1e-10), ("post-fit", ["--postfit"], 5e-4)):
    mine = json.loads(run("yields", ws, "--format", "json", *flag))
    theirs = ref["prediction"]["prefit" if stage == "pre-fit" else "postfit"]
    for c, channel in enumerate(mine["channels"]):
        bins = theirs["total_stdev_model_bins"][c]
        sums = theirs["total_stdev_model_channels"][c]
        pairs = []
        for s, sample in enumerate(channel["samples"]):
            pairs += list(zip(sample["yields"], theirs["model_yields"][c][s]))
            pairs += list(zip(sample["stdev"], bins[s]))
            pairs.append((sample["total_stdev"], sums[s]))
        ns = len(channel["samples"])
        pairs += list(zip(channel["total"]["stdev"], bins[ns]))
        pairs.append((channel["total"]["total_stdev"], sums[ns]))
        for a, b in pairs:
            if not close(a, b, rel):
                sys.exit(f"{stage}: {a} vs {b}")
    print(f"json {stage}: every yield and band within {rel:g}")
