"""Turning pyhf's keyword arguments into what hfc._core.Model takes."""
import numpy as np


def fixed_dict(model, init_pars, fixed_params):
    """pyhf's fixed_params (one bool per parameter) as {name: value}, the value
    from init_pars or the model's inits. Only parameters to hold fixed on top
    of the measurement's appear; freeing one the measurement fixes is an error."""
    if fixed_params is None:
        return {}
    flags = list(fixed_params)
    cfg = model.config
    if len(flags) != cfg.npars:
        raise ValueError(f"fixed_params: expected {cfg.npars} booleans, got {len(flags)}")
    init = cfg.suggested_init() if init_pars is None else np.asarray(init_pars, dtype=np.float64)
    suggested = cfg.suggested_fixed()
    out = {}
    for i, flag in enumerate(flags):
        if flag:
            out[cfg.par_names[i]] = float(init[i])
        elif suggested[i]:
            raise ValueError(
                f'fixed_params: "{cfg.par_names[i]}" is fixed by the measurement; hfc cannot free it '
                "(edit the measurement's parameter config instead)")
    return out


def bounds_list(model, par_bounds):
    if par_bounds is None:
        return None
    bounds = [tuple(float(x) for x in b) for b in par_bounds]
    if len(bounds) != model.config.npars or any(len(b) != 2 for b in bounds):
        raise ValueError(f"par_bounds: expected {model.config.npars} (lo, hi) pairs")
    return bounds


def calculator(calctype, kwargs):
    """(toys?, ntoys, seed) from calctype and pyhf's ntoys; hfc's toys take a seed
    (default 0) instead of numpy's global random state."""
    if calctype not in ("asymptotics", "toybased"):
        raise ValueError(f'calctype: expected "asymptotics" or "toybased", got "{calctype}"')
    ntoys = int(kwargs.pop("ntoys", 2000))
    seed = int(kwargs.pop("seed", 0))
    kwargs.pop("track_progress", None)
    return calctype == "toybased", ntoys, seed


def no_more(kwargs, where):
    if kwargs:
        raise TypeError(f"{where}: unexpected keyword arguments {sorted(kwargs)}")
