"""hfc.infer.intervals.upper_limits: pyhf's CLs upper limits."""
import numpy as np

from hfc.infer import _options


def upper_limit(data, model, scan=None, level=0.05, return_results=False, test_stat="qtilde",
                calctype="asymptotics", **kwargs):
    """The CLs upper limit on the POI at 1 − level: with scan=None by TOMS748 root finding
    in the POI's bounds (pyhf's toms748_scan), else interpolating CLs on the grid `scan`
    (pyhf's linear_grid_scan). Returns (obs, exp) as pyhf: a 0-d array and five expected
    limits; with return_results also (tested POI values, [(CLs_obs, CLs_exp_set), ...])."""
    toys, ntoys, seed = _options.calculator(calctype, kwargs)
    _options.no_more(kwargs, "upper_limit")
    grid = [] if scan is None else [float(x) for x in np.asarray(scan, dtype=np.float64).ravel()]
    if scan is not None and not grid:
        raise ValueError("upper_limit: scan is empty")
    with model._lock:
        model._use(data)
        obs, exp, mus, cls_obs, cls_exp = model._upper_limit(float(level), grid, test_stat, toys, ntoys, seed)
    obs, exp = np.asarray(obs), np.asarray(exp, dtype=np.float64)
    if not return_results:
        return obs, exp
    if scan is None:  # pyhf returns the root finder's points sorted
        order = np.argsort(mus, kind="stable")
    else:
        order = np.arange(len(mus))
    tested = np.asarray(mus, dtype=np.float64)[order]
    results = [(np.asarray(cls_obs[k]), np.asarray(cls_exp[k], dtype=np.float64)) for k in order]
    return obs, exp, (tested, results)
