# teststat.test.py PREFIX EXPECTED.json: the checks of teststat.test, one
# line each when they hold.
import json
import sys

prefix, expected = sys.argv[1], sys.argv[2]
load = lambda name: json.load(open(f"{prefix}.{name}.json"))
q, qtilde, tmu, tmut = (load(n) for n in ("q", "qtilde", "tmu", "tmut"))
scan, qtilde2, tmu2, q0 = (load(n) for n in ("scan", "qtilde2", "tmu2", "q0"))
close = lambda a, b, tol=1e-9: abs(a - b) <= tol * max(1.0, abs(b))

print(f"mu-hat {round(tmu['mu_hat'], 6)}")
if q["value"] == 0 and qtilde["value"] == 0:
    print("below mu-hat: q = qtilde = 0")
if tmu["value"] == tmut["value"] and close(tmu["value"], scan["delta_twice_nll"][0]):
    print(f"below mu-hat: tmu = tmu_tilde = profile delta_twice_nll = {tmu['value']:.4f}")
if close(qtilde2["value"], tmu2["value"]) and close(tmu2["value"], scan["delta_twice_nll"][1], 1e-7):
    print("above mu-hat: qtilde = tmu = profile delta_twice_nll")
z = json.load(open(expected))["interp_code4_code4p"]["discovery_q0"]["Z_obs"]
if close(q0["value"], z * z, 1e-4):
    print("q0 = pyhf's Z_obs^2")
else:
    print(f"q0 {q0['value']} vs {z * z}")
