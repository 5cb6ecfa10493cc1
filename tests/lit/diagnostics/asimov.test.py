# asimov.test.py HFC DIR: hfc's --asimov runs on DIR/workspace.json against
# DIR/inference.json (cabinetry's asimov_parameters).
import json
import subprocess
import sys

hfc, folder = sys.argv[1], sys.argv[2]
ws = folder + "/workspace.json"
ref = json.load(open(folder + "/inference.json"))
run = lambda *args: json.loads(subprocess.run([hfc, *args], check=True, capture_output=True, text=True).stdout)

fit = run("fit", ws, "--asimov", "--goodness-of-fit")
for name, value in zip(ref["model"]["par_names"], ref["model"]["asimov_parameters"]):
    if abs(fit["mle_parameters"][name][0] - value) > 1e-4:
        sys.exit(f"{name}: {fit['mle_parameters'][name][0]} vs {value}")
print("fit --asimov: the Asimov parameters within 1e-4")
print(f"fit --asimov: goodness of fit p = {fit['goodness_of_fit']['p_value']:.4f}")
sig = run("significance", ws, "--asimov")
if not abs(sig["Z_obs"] - sig["Z_exp"]) < 1e-4 * sig["Z_exp"]:
    sys.exit(f"Z_obs {sig['Z_obs']}, Z_exp {sig['Z_exp']}")
print("significance --asimov: Z_obs = Z_exp within 1e-4")
