"""Parity through Python on every model of ../shared/reference.

Against the CLI of the same build (the same C++ code, so the same numbers to
the last digit: fits, CLs, limits, significance), and against pyhf's numbers
in reference/expected (logpdf 1e-9 relative, the fit's twice_nll not above
pyhf's best minimum by more than 1e-6, the gradient against pyhf's finite
differences).
"""
import json
import math
import os

import numpy as np
import pytest

import hfc
from conftest import reference_models, run_cli

MODELS = reference_models()
IDS = [m[0] for m in MODELS]
INTERPS = {"interp_code4_code4p": ("", None),
           "interp_code1_code0": ("normsys=code1,histosys=code0",
                                  {"normsys": {"interpcode": "code1"}, "histosys": {"interpcode": "code0"}})}

_cache = {}


def load(name, ws_path, patch_path, block):
    """(model, data, CLI arguments) of a reference model, compiled once per session."""
    key = (name, block)
    if key not in _cache:
        interp, settings = INTERPS[block]
        ws = hfc.Workspace(ws_path)
        patches = None
        args = [ws_path]
        if patch_path:
            with open(patch_path) as f:
                patches = [json.load(f)]
            args += ["-p", patch_path]
        if interp:
            args += ["--interp", interp]
        model = ws.model(modifier_settings=settings, patches=patches)
        _cache[key] = (model, ws.data(model), args)
    return _cache[key]


def blocks(expected):
    return [b for b in INTERPS if b in expected]


def model_name(model, name):
    """The reference names a one-bin per-bin set (shapesys, staterror) without its [0];
    model.config.par_names has it, as pyhf 0.7's par_names does for non-scalar sets."""
    names = model.config.par_names
    return name if name in names or f"{name}[0]" not in names else f"{name}[0]"


def pars_vector(model, named):
    pars = model.config.suggested_init()
    for name, value in named.items():
        pars[model.config.par_index(model_name(model, name))] = value
    return pars


def rounding_scale(model, pars, data):
    """Σ |n ln λ| + |λ| + lnΓ(n + 1) over the data (tests/reference/reference_data.cpp's
    roundingScale, here over all aux data): a Poisson term is a difference of such
    intermediates, so neither pyhf nor hfc computes it better than ε times this (eRJR 3L's
    shapesys with τ ~ 1e11 makes it ~5e12)."""
    lam = model.expected_data(pars)
    return sum((abs(n * math.log(abs(l))) if n else 0.0) + abs(l) + math.lgamma(n + 1) for n, l in zip(data, lam))


def logpdf_tolerance(model, pars, data, ref):
    return max(1e-9 * abs(ref), 2 * np.finfo(float).eps * rounding_scale(model, pars, data))


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


@pytest.mark.parametrize("name,ws_path,patch_path,expected", MODELS, ids=IDS)
def test_parameter_table_and_data(name, ws_path, patch_path, expected):
    model, data, _ = load(name, ws_path, patch_path, "interp_code4_code4p")
    names = []
    for p in expected["parameters"]:
        names += [model_name(model, p["name"])] if p["n"] == 1 else [f"{p['name']}[{i}]" for i in range(p["n"])]
    assert model.config.par_names == names
    assert model.config.poi_name == expected["poi"]
    inits = [v for p in expected["parameters"] for v in p["inits"]]
    np.testing.assert_array_equal(model.config.suggested_init(), inits)
    block = expected["interp_code4_code4p"]
    assert model.config.nmaindata == block["n_main_bins"] and model.config.nauxdata == block["n_aux"]
    assert data.shape == (block["n_main_bins"] + block["n_aux"],) and data.dtype == np.float64
    np.testing.assert_allclose(model.expected_actualdata(model.config.suggested_init()),
                               block["expected_actualdata_at_init"], rtol=1e-9)


@pytest.mark.parametrize("name,ws_path,patch_path,expected", MODELS, ids=IDS)
def test_logpdf_and_gradient(name, ws_path, patch_path, expected, tmp_path):
    for block in blocks(expected):
        model, data, args = load(name, ws_path, patch_path, block)
        for k, point in enumerate(expected[block]["logpdf_points"]):
            pars = pars_vector(model, point["pars"])
            value = model.logpdf(pars, data)
            assert value.shape == (1,) and value.dtype == np.float64
            assert abs(value[0] - point["logpdf"]) <= logpdf_tolerance(model, pars, data, point["logpdf"]), (block, k)
            pars_file = tmp_path / f"pars{k}.json"
            pars_file.write_text(json.dumps(dict(zip(model.config.par_names, pars.tolist()))))
            cli = run_cli("eval", *args, "--pars", str(pars_file), "--grad")
            assert rel(value[0], cli["logpdf"]) < 1e-12, (block, k)
            grad = model.logpdf_grad(pars, data)
            cli_grad = np.array([cli["grad"][n] for n in model.config.par_names])
            np.testing.assert_allclose(grad, cli_grad, rtol=1e-12, atol=1e-12 * np.abs(cli_grad).max())
            np.testing.assert_allclose(model.expected_actualdata(pars), cli["expected_actualdata"], rtol=1e-12)
        fd = expected[block].get("logpdf_grad_fd_at_point_1")
        if fd:
            pars = pars_vector(model, expected[block]["logpdf_points"][1]["pars"])
            grad = model.logpdf_grad(pars, data)
            if isinstance(fd, dict):
                fd = {model_name(model, n): v for n, v in fd.items()}
                fd_vec = np.array([fd[n] for n in model.config.par_names])
            else:
                fd_vec = np.array(fd)
            np.testing.assert_allclose(grad, fd_vec, rtol=1e-4, atol=1e-4 * max(1.0, np.abs(fd_vec).max()))


@pytest.mark.parametrize("name,ws_path,patch_path,expected", MODELS, ids=IDS)
def test_fit(name, ws_path, patch_path, expected):
    block = "interp_code4_code4p"
    model, data, args = load(name, ws_path, patch_path, block)
    bestfit, twice_nll = hfc.infer.mle.fit(data, model, return_uncertainties=True, return_fitted_val=True)
    assert bestfit.shape == (model.config.npars, 2) and twice_nll.shape == ()
    cli = run_cli("fit", *args)
    assert float(twice_nll) == cli["twice_nll"]
    for i, n in enumerate(model.config.par_names):
        assert bestfit[i, 0] == cli["mle_parameters"][n][0], n
        assert bestfit[i, 1] == cli["mle_parameters"][n][1], n
    assert float(twice_nll) <= expected[block]["fit"]["twice_nll"] + 1e-6
    # Without uncertainties: the same minimum, values only.
    values = hfc.infer.mle.fit(data, model)
    assert values.shape == (model.config.npars,)
    np.testing.assert_array_equal(values, bestfit[:, 0])


WITH_POI = [m for m in MODELS if m[3]["poi"] is not None]
POI_IDS = [m[0] for m in WITH_POI]


@pytest.mark.parametrize("name,ws_path,patch_path,expected", WITH_POI, ids=POI_IDS)
def test_cls_limit_significance(name, ws_path, patch_path, expected):
    block = "interp_code4_code4p"
    model, data, args = load(name, ws_path, patch_path, block)
    for stat in ("qtilde", "q"):
        obs, exp = hfc.infer.hypotest(1.0, data, model, test_stat=stat, return_expected_set=True)
        cli = run_cli("cls", *args, "--test-poi", "1", "--test-stat", stat)
        assert float(obs) == cli["CLs_obs"], stat
        assert exp.tolist() == cli["CLs_exp"], stat
    obs, exp = hfc.infer.intervals.upper_limits.upper_limit(data, model, level=0.05)
    cli = run_cli("limit", *args)
    assert float(obs) == cli["obs"] and exp.tolist() == cli["exp"]
    sig = hfc.infer.significance(data, model)
    cli = run_cli("significance", *args)
    assert (sig.observed_p_value, sig.expected_p_value) == (cli["p0_obs"], cli["p0_exp"])
    assert (sig.observed_significance, sig.expected_significance) == (cli["Z_obs"], cli["Z_exp"])


def test_two_bin_against_pyhf():
    """The pyhf documentation example against pyhf's own numbers (inference.md tolerances)."""
    name, ws_path, patch_path, expected = next(m for m in MODELS if m[0] == "2-bin_1-channel")
    model, data, _ = load(name, ws_path, patch_path, "interp_code4_code4p")
    block = expected["interp_code4_code4p"]
    obs, exp = hfc.infer.hypotest(1.0, data, model, return_expected_set=True)
    assert abs(float(obs) - block["hypotest_mu1_qtilde"]["CLs_obs"]) < 1e-5
    np.testing.assert_allclose(exp, block["hypotest_mu1_qtilde"]["CLs_exp"], atol=1e-5)
    obs, exp = hfc.infer.intervals.upper_limits.upper_limit(data, model)
    assert rel(float(obs), block["upper_limit_95"]["obs"]) < 1e-3
    np.testing.assert_allclose(exp, block["upper_limit_95"]["exp"], rtol=1e-3)
    sig = hfc.infer.significance(data, model)
    assert rel(sig.observed_p_value, block["discovery_q0"]["p0_obs"]) < 1e-4
    assert rel(sig.expected_p_value, block["discovery_q0"]["p0_exp"]) < 1e-4
    for point in block["profile_twice_nll"]:
        _, tnll = hfc.infer.mle.fixed_poi_fit(point["poi"], data, model, return_fitted_val=True)
        assert float(tnll) <= point["twice_nll"] + 1e-6 and float(tnll) >= point["twice_nll"] - 1e-4, point
