"""numpy semantics: float64 in place, clear ValueErrors, views of large arrays."""
import os

import numpy as np
import pytest

import hfc
from conftest import REFERENCE


@pytest.fixture(scope="module")
def two_bin():
    ws = hfc.Workspace(os.path.join(REFERENCE, "models", "2-bin_1-channel.json"))
    model = ws.model()
    return model, ws.data(model)


def test_lists_and_arrays_agree(two_bin):
    model, data = two_bin
    pars = model.config.suggested_init()
    a = model.logpdf(pars, data)
    b = model.logpdf(pars.tolist(), data.tolist())
    c = model.logpdf(tuple(pars), list(data))
    assert a[0] == b[0] == c[0]
    # pyhf's number for this point (reference/expected/2-bin_1-channel.json).
    assert abs(a[0] - -12.583633148889326) < 1e-9 * 12.6


@pytest.mark.parametrize("bad,message", [
    (np.ones(3, dtype=np.int64), "dtype int64"),
    (np.ones(3, dtype=np.float32), "dtype float32"),
    (np.ones(3, dtype=bool), "dtype bool"),
    (np.ones(3, dtype=np.complex128), "dtype complex128"),
    (np.ones((3, 1)), "shape (3, 1)"),
    (np.ones(4), "expected 3 values, got 4"),
    (np.ones(2), "expected 3 values, got 2"),
    (np.array(1.0), "expected a 1-d array of 3 values, got shape ()"),
    (np.float64(1.0), "expected a float64 numpy array or a list of numbers, got float64"),
    ("abc", "got str"),
    (["a", "b", "c"], "expected numbers"),
    ([], "expected 3 values, got 0"),
])
def test_bad_pars_are_value_errors(two_bin, bad, message):
    model, data = two_bin
    with pytest.raises(ValueError, match="pars: .*" + message.replace("(", r"\(").replace(")", r"\)")):
        model.logpdf(bad, data)


def test_bad_data_is_a_value_error(two_bin):
    model, data = two_bin
    pars = model.config.suggested_init()
    with pytest.raises(ValueError, match=r"data \(main followed by auxiliary data\): expected 4 values, got 2"):
        model.logpdf(pars, data[:2])
    with pytest.raises(ValueError, match="dtype int32"):
        model.expected_data(np.ones(3, dtype=np.int32))
    with pytest.raises(ValueError, match="data: expected 4 values"):
        hfc.infer.hypotest(1.0, data[:3], model)


def test_a_view_of_a_large_array_is_used_in_place(two_bin):
    """A slice of a large buffer (contiguous: no copy) and a strided view (one copy) both work."""
    model, data = two_bin
    pars = model.config.suggested_init()
    expected = model.logpdf(pars, data)[0]
    big = np.zeros(10_000_000)
    big[5_000_000:5_000_004] = data
    view = big[5_000_000:5_000_004]
    assert not view.flags.owndata and view.base is big
    assert model.logpdf(pars, view)[0] == expected
    strided = np.zeros(8)
    strided[::2] = data
    assert model.logpdf(pars, strided[::2])[0] == expected
    swapped = data.astype(">f8")
    assert model.logpdf(pars, swapped)[0] == expected


def test_outputs_are_fresh_float64_arrays(two_bin):
    model, data = two_bin
    pars = model.config.suggested_init()
    e = model.expected_data(pars)
    assert e.dtype == np.float64 and e.shape == (4,) and e.flags.c_contiguous and e.flags.writeable
    np.testing.assert_allclose(e[:2], [55.0, 70.0], rtol=1e-12)  # pyhf's expected_actualdata at the inits
    np.testing.assert_array_equal(e[2:], model.config.auxdata)
    np.testing.assert_array_equal(model.expected_actualdata(pars), e[:2])
    g = model.logpdf_grad(pars, data)
    assert g.dtype == np.float64 and g.shape == (3,)


def test_gradient_matches_finite_differences(two_bin):
    model, data = two_bin
    pars = np.array([0.7, 1.1, 0.9])
    g = model.logpdf_grad(pars, data)
    h = 1e-6
    for i in range(3):
        up, dn = pars.copy(), pars.copy()
        up[i] += h
        dn[i] -= h
        fd = (model.logpdf(up, data)[0] - model.logpdf(dn, data)[0]) / (2 * h)
        assert abs(g[i] - fd) < 1e-6 * max(1.0, abs(fd))


def test_inference_on_other_data(two_bin):
    """Inference takes its data argument: Asimov-like data moves the fit, and the observed data come back."""
    model, data = two_bin
    observed = hfc.infer.mle.fit(data, model)
    shifted = data.copy()
    shifted[:2] = model.expected_actualdata([2.0, 1.0, 1.0])
    fit = hfc.infer.mle.fit(shifted, model)
    assert abs(fit[0] - 2.0) < 1e-3  # the POI at the value the data were made at
    np.testing.assert_array_equal(hfc.infer.mle.fit(data, model), observed)
