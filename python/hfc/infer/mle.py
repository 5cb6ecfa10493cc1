"""hfc.infer.mle: pyhf's maximum-likelihood fits (pyhf.infer.mle), on libhfc's minimizer."""
import numpy as np

from hfc.infer import _options


def twice_nll(pars, data, pdf):
    """-2 log L(pars | data), shape (1,) as pyhf's."""
    return -2.0 * pdf.logpdf(pars, data)


def fit(data, pdf, init_pars=None, par_bounds=None, fixed_params=None, return_uncertainties=False,
        return_correlations=False, return_fitted_val=False, fixed_pars=None, **kwargs):
    """The best fit of all parameters to data.

    Returns pyhf's shapes: the best-fit values (npars,), or (npars, 2) [value, uncertainty]
    with return_uncertainties; then the correlation matrix if return_correlations; then
    twice_nll (a 0-d array) if return_fitted_val. FitFailure when no start converges.
    fixed_pars is accepted as another spelling of fixed_params.
    """
    kwargs.pop("method", None)  # pyhf's optimizer choice: hfc has one minimizer
    _options.no_more(kwargs, "fit")
    if fixed_params is None:
        fixed_params = fixed_pars
    fixed = _options.fixed_dict(pdf, init_pars, fixed_params)
    bounds = _options.bounds_list(pdf, par_bounds)
    with pdf._lock:
        pdf._use(data)
        values, errors, corr, tnll, _ = pdf._fit(init_pars, bounds, fixed,
                                                 bool(return_uncertainties or return_correlations))
    result = np.stack([values, errors], axis=1) if return_uncertainties else values
    returns = [result]
    if return_correlations:
        returns.append(np.asarray(corr, dtype=np.float64))
    if return_fitted_val:
        returns.append(np.asarray(tnll))
    return tuple(returns) if len(returns) > 1 else returns[0]


def fixed_poi_fit(poi_val, data, pdf, init_pars=None, par_bounds=None, fixed_params=None, **kwargs):
    """The fit with the POI held at poi_val (pyhf's fixed_poi_fit); the same return shapes as fit."""
    cfg = pdf.config
    if cfg.poi_index is None:
        raise ValueError("fixed_poi_fit: the model has no POI (a background-only measurement)")
    init = cfg.suggested_init() if init_pars is None else np.array(init_pars, dtype=np.float64)
    init[cfg.poi_index] = poi_val
    flags = cfg.suggested_fixed() if fixed_params is None else list(fixed_params)
    flags[cfg.poi_index] = True
    return fit(data, pdf, init, par_bounds, flags, **kwargs)
