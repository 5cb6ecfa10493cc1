"""The HEPData workflow in Python: a published background-only workspace, its
PatchSet of signal points, one point applied, then fit, CLs, upper limit and
ranking. The same script runs on pyhf with `import pyhf as hfc` for the first
half (Workspace, PatchSet, infer.*); ranking is cabinetry's.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/hepdata_workflow.py [REFERENCE_DIR]

REFERENCE_DIR defaults to ../shared/reference beside the checkout (ATLAS
SUSY-2018-31 sbottom multi-b, RegionA, HEPData ins1748602).
"""
import json
import os
import sys
import time

import hfc

here = os.path.dirname(os.path.abspath(__file__))
reference = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "shared", "reference")
region = os.path.join(reference, "models", "sbottom_regionA")

# 1. The background-only workspace and the PatchSet published with it.
with open(os.path.join(region, "BkgOnly.json")) as f:
    bkg_only = hfc.Workspace(json.load(f))
patchset = hfc.PatchSet(os.path.join(region, "patchset.json"))
print(f"{len(patchset)} signal points, labels {patchset.labels}")

# 2. One signal point (by name; patchset.apply(bkg_only, (1300, 205, 60)) picks it by its values).
ws = patchset.apply(bkg_only, "sbottom_1300_205_60")
t0 = time.perf_counter()
model = ws.model()
data = ws.data(model)
print(f"model: {model.config.npars} parameters, POI {model.config.poi_name}, "
      f"{model.config.nmaindata} bins, compiled in {time.perf_counter() - t0:.2f} s")

# 3. The maximum-likelihood fit.
bestfit, twice_nll = hfc.infer.mle.fit(data, model, return_uncertainties=True, return_fitted_val=True)
poi = model.config.poi_index
print(f"fit: {model.config.poi_name} = {bestfit[poi, 0]:.4f} ± {bestfit[poi, 1]:.4f}, twice_nll = {float(twice_nll):.6f}")

# 4. CLs at mu = 1 with the expected band.
cls_obs, cls_exp = hfc.infer.hypotest(1.0, data, model, test_stat="qtilde", return_expected_set=True)
print(f"CLs(mu=1) = {float(cls_obs):.6f}, expected {[round(float(c), 6) for c in cls_exp]}")

# 5. The 95% CL upper limit on mu.
obs_limit, exp_limits = hfc.infer.intervals.upper_limits.upper_limit(data, model, level=0.05)
print(f"upper limit: observed {float(obs_limit):.4f}, expected {[round(float(e), 4) for e in exp_limits]}")

# 6. The nuisance parameters ranked by their post-fit impact on mu.
ranking = hfc.infer.ranking(data, model)
print("largest impacts on mu (post-fit up / down):")
for label, up, down in list(zip(ranking.labels, ranking.postfit_up, ranking.postfit_down))[:5]:
    print(f"  {label:<40} {up:+.4f} {down:+.4f}")
