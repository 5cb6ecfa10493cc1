# ranking.test.py HFC MODEL [NAME=WIDTH ...]: recomputes every impact of
# `hfc ranking MODEL` with `hfc fit --fix NAME=VALUE` (fits from the inits,
# not warm-started like the ranking's) to 1e-6 absolute, checks the pre-fit
# widths against the ones given (worked out from the model by hand), and the
# order; one line per parameter when all holds.
import json
import subprocess
import sys

hfc, model = sys.argv[1], sys.argv[2]
widths = {name: float(w) for name, w in (arg.split("=") for arg in sys.argv[3:])}
run = lambda *args: json.loads(subprocess.run([hfc, *args], check=True, capture_output=True, text=True).stdout)
ranking = run("ranking", model)
poi = ranking["poi"]
mu_hat = run("fit", model)["mle_parameters"][poi][0]
for k, name in enumerate(ranking["labels"]):
    best, error, width = ranking["bestfit"][k], ranking["uncertainty"][k], ranking["prefit_width"][k]
    if width != widths.get(name) and not (width is not None and abs(width - widths.get(name, 0)) < 1e-12):
        sys.exit(f"{name}: pre-fit width {width}, expected {widths.get(name)}")
    shifts = {"postfit_up": best + error, "postfit_down": best - error}
    if width is not None:
        shifts.update(prefit_up=best + width, prefit_down=best - width)
    elif ranking["prefit_up"][k] is not None or ranking["prefit_down"][k] is not None:
        sys.exit(f"{name}: an unconstrained parameter with a pre-fit impact")
    for key, value in shifts.items():
        mu = run("fit", model, "--fix", f"{name}={value!r}")["mle_parameters"][poi][0]
        if abs((mu - mu_hat) - ranking[key][k]) > 1e-6:
            sys.exit(f"{name} {key}: ranking {ranking[key][k]}, fit --fix {mu - mu_hat}")
    print(f"{name}: {len(shifts)} impacts equal to fit --fix" + ("" if width is not None else ", no pre-fit impact"))
size = [max(abs(u), abs(d)) for u, d in zip(ranking["postfit_up"], ranking["postfit_down"])]
if size == sorted(size, reverse=True):
    print("ranked by post-fit impact")
