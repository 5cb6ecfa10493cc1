"""hfc.infer: pyhf's inference (hypotest, mle, intervals) and cabinetry's
significance, scan and ranking, every number from libhfc's runtime."""
import collections

import numpy as np

from hfc.infer import _options, intervals, mle

__all__ = ["hypotest", "intervals", "mle", "ranking", "scan", "significance"]


def hypotest(poi_test, data, pdf, init_pars=None, par_bounds=None, fixed_params=None, calctype="asymptotics",
             return_tail_probs=False, return_expected=False, return_expected_set=False, test_stat="qtilde",
             **kwargs):
    """CLs at POI = poi_test, pyhf's hypotest: CLs_obs (a 0-d array), then [CLsb, CLb] if
    return_tail_probs, then the median expected CLs if return_expected, then the five
    expected values (-2σ … +2σ, pyhf's order) if return_expected_set; a tuple when more
    than one. calctype "toybased" takes ntoys (default 2000) and seed (default 0)."""
    toys, ntoys, seed = _options.calculator(calctype, kwargs)
    if kwargs.pop("return_calculator", False):
        raise NotImplementedError("hypotest: return_calculator (hfc's calculators live in C++)")
    _options.no_more(kwargs, "hypotest")
    fixed = _options.fixed_dict(pdf, init_pars, fixed_params)
    bounds = _options.bounds_list(pdf, par_bounds)
    with pdf._lock:
        pdf._use(data)
        r = pdf._hypotest(float(poi_test), test_stat, toys, ntoys, seed, init_pars, bounds, fixed)
    returns = [np.asarray(r["CLs_obs"])]
    if return_tail_probs:
        returns.append([np.asarray(r["CLsb"]), np.asarray(r["CLb"])])
    expected = np.asarray(r["CLs_exp"], dtype=np.float64)
    if return_expected:
        returns.append(np.asarray(expected[2]))
    if return_expected_set:
        returns.append(expected)
    return tuple(returns) if len(returns) > 1 else returns[0]


SignificanceResults = collections.namedtuple(
    "SignificanceResults", ["observed_p_value", "observed_significance", "expected_p_value", "expected_significance"])


def significance(data, pdf):
    """Discovery p-value and significance from q0 (asymptotics), cabinetry's
    SignificanceResults (cabinetry.fit.significance, with hfc.infer's argument order)."""
    with pdf._lock:
        pdf._use(data)
        p0, z, p0exp, zexp = pdf._significance()
    return SignificanceResults(p0, z, p0exp, zexp)


ScanResults = collections.namedtuple(
    "ScanResults", ["name", "bestfit", "uncertainty", "parameter_values", "delta_nlls", "twice_nll"])


def scan(data, pdf, par_name=None, par_range=None, n_steps=11, fixed_params=None):
    """The profile likelihood of par_name (default: the POI) at n_steps values in par_range
    (default: best fit ± 3 uncertainties, clipped to its bounds), cabinetry's ScanResults: delta_nlls is
    twice_nll − its minimum, as cabinetry's."""
    cfg = pdf.config
    name = par_name if par_name is not None else cfg.poi_name
    if name is None:
        raise ValueError("scan: the model has no POI; name the parameter (par_name=...)")
    index = cfg.par_index(name)
    best = mle.fit(data, pdf, fixed_params=fixed_params, return_uncertainties=True)
    bestfit, uncertainty = float(best[index, 0]), float(best[index, 1])
    if par_range is None:  # ± 3 uncertainties, within the parameter's bounds
        lo, hi = cfg.suggested_bounds()[index]
        par_range = (max(bestfit - 3 * uncertainty, lo), min(bestfit + 3 * uncertainty, hi))
    values = np.linspace(float(par_range[0]), float(par_range[1]), int(n_steps))
    fixed = _options.fixed_dict(pdf, None, fixed_params)
    with pdf._lock:
        pdf._use(data)
        vals, tnll, delta, _, _ = pdf._scan(values.tolist(), name, fixed)
    return ScanResults(name, bestfit, uncertainty, vals, delta, tnll)


RankingResults = collections.namedtuple(
    "RankingResults", ["bestfit", "uncertainty", "labels", "prefit_up", "prefit_down", "postfit_up", "postfit_down"])


def ranking(data, pdf, fixed_params=None):
    """Each free nuisance parameter's impact on the POI, largest post-fit impact first
    (cabinetry.fit.ranking's RankingResults; pre-fit impacts of unconstrained
    parameters are NaN)."""
    fixed = _options.fixed_dict(pdf, None, fixed_params)
    with pdf._lock:
        pdf._use(data)
        rows = pdf._ranking(fixed)
    nan = float("nan")
    labels = [r[0] for r in rows]
    col = lambda k: np.array([r[k] for r in rows], dtype=np.float64)
    return RankingResults(col(1), col(2), labels, np.array([r[6] if r[5] else nan for r in rows]),
                          np.array([r[7] if r[5] else nan for r in rows]), col(3), col(4))
